import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleJpegBase64 } from '../../../src/simulators/sample-image';
import { VERIHUBS_SIMULATOR_API_KEY, VERIHUBS_SIMULATOR_APP_ID } from '../../../src/simulators/verihubs/credentials';
import { startVerihubsSimulator } from '../../../src/simulators/verihubs/server';
import type { RunningSimulator } from '../../../src/simulators/simulator';

let simulator: RunningSimulator;
const AUTH = { 'App-ID': VERIHUBS_SIMULATOR_APP_ID, 'API-Key': VERIHUBS_SIMULATOR_API_KEY };

async function post(body: string, headers: Record<string, string> = AUTH, path = '/v2/ktp/idforgery') {
  const res = await fetch(`${simulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  simulator = await startVerihubsSimulator({ port: 0 });
});
afterAll(() => simulator.close());

const invalid = (code: string) => ({ status: 400, json: { message: 'Invalid Payload', data: { message: code } } });

describe('Verihubs simulator wire checks', () => {
  it('rejects missing or wrong credentials with the documented 401 body', async () => {
    const body = JSON.stringify({ image: sampleJpegBase64('pass') });
    expect(await post(body, {})).toEqual({ status: 401, json: { message: 'Authorization failed' } });
    expect(await post(body, { ...AUTH, 'API-Key': 'nope' })).toEqual({ status: 401, json: { message: 'Authorization failed' } });
  });

  it('answers 404 off the documented path', async () => {
    expect((await post('{}', AUTH, '/v1/ktp/idforgery')).status).toBe(404);
  });

  it('validates the payload like the vendor', async () => {
    expect(await post('')).toEqual(invalid('INVALID_PAYLOAD'));
    expect(await post('{"is_quality":true}')).toEqual(invalid('MISSING_PAYLOAD_IMAGE'));
    expect(await post('{"image":null}')).toEqual(invalid('MISSING_PAYLOAD_IMAGE'));
    const image = sampleJpegBase64('pass');
    expect(await post(JSON.stringify({ image, validate_quality: true }))).toEqual(invalid('INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY'));
    expect(await post(JSON.stringify({ image: '' }))).toEqual(invalid('INVALID_PAYLOAD_IMAGE_MISSING'));
    expect(await post(JSON.stringify({ image: 'not base64 at all!' }))).toEqual(invalid('INVALID_PAYLOAD_IMAGE_MISSING'));
    expect(await post(JSON.stringify({ image: Buffer.from('plain text').toString('base64') }))).toEqual(invalid('INVALID_PAYLOAD_IMAGE_FORMAT'));
    expect(await post(JSON.stringify({ image: 'https://img.example/ktp.gif' }))).toEqual(invalid('INVALID_PAYLOAD_IMAGE_FORMAT'));
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    expect(await post(JSON.stringify({ image: big }))).toEqual(invalid('INVALID_PAYLOAD_IMAGE_SIZE'));
  });

  it('follows the request flags: no image_quality without is_quality, FRG-1 without validation', async () => {
    const plain = await post(JSON.stringify({ image: sampleJpegBase64('blurry') }));
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({ status_code: 'FRG-1', data: { forgery: false } });
    expect(plain.json.error_code).toBeUndefined();
    expect((plain.json.data as Record<string, unknown>).image_quality).toBeUndefined();

    const unvalidated = await post(JSON.stringify({ image: sampleJpegBase64('blurry'), is_quality: true }));
    expect(unvalidated.json).toMatchObject({ status_code: 'FRG-1', data: { forgery: false, image_quality: { blur: true } } });

    const validated = await post(JSON.stringify({ image: sampleJpegBase64('blurry'), is_quality: true, validate_quality: true }));
    expect(validated.json).toMatchObject({ status_code: 'FRG-2', error_code: 'FAIL_ON_1', data: { image_quality: { blur: true, blur_score: 97.604418 } } });
    expect((validated.json.data as Record<string, unknown>).forgery).toBeUndefined();
  });

  it('forged answers like the documented 200 sample', async () => {
    const forged = await post(JSON.stringify({ image: sampleJpegBase64('forged'), is_quality: true, validate_quality: true }));
    expect(forged.json).toMatchObject({ status_code: 'FRG-3', message: 'Forgery detected', error_code: 'FAIL_ON_2', data: { forgery: true } });
  });

  it('documented error codes keep their documented status and body', async () => {
    expect(await post(JSON.stringify({ image: sampleJpegBase64('error-INSUFFICIENT_QUOTA') }))).toEqual({
      status: 403,
      json: { message: 'Insufficient quota', error_code: 'INSUFFICIENT_QUOTA' },
    });
    expect(await post(JSON.stringify({ image: sampleJpegBase64('server-error') }))).toEqual({ status: 500, json: { message: 'Internal server error' } });
    expect(await post(JSON.stringify({ image: sampleJpegBase64('error-BAD_PAYLOAD') }))).toEqual(invalid('BAD_PAYLOAD'));
  });
});
