import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImageRef } from '../../../src/vendors/vendor';
import { toRequestBody, describeVerihubsCode, toOutcome, VERIHUBS_CODES } from '../../../src/vendors/verihubs/transformers';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/vendors/verihubs/${name}`, import.meta.url), 'utf8'));

describe('Verihubs request body', () => {
  it('puts a base64 image in as is, with quality computed and validated', () => {
    const image: ImageRef = { kind: 'base64', base64: '/9j/AAAA+Q==', mime: 'image/jpeg', bytes: 7, sha256: 'x' };
    const body = toRequestBody(image);
    expect(body).toBe('{"image":"/9j/AAAA+Q==","is_quality":true,"validate_quality":true}');
    expect(JSON.parse(body)).toEqual({ image: '/9j/AAAA+Q==', is_quality: true, validate_quality: true });
  });

  it('escapes an image URL as JSON', () => {
    const body = toRequestBody({ kind: 'url', url: 'https://img.example/ktp "1".jpg?a=1&b=2' });
    expect(JSON.parse(body)).toEqual({ image: 'https://img.example/ktp "1".jpg?a=1&b=2', is_quality: true, validate_quality: true });
  });
});

describe('Verihubs documented samples (verbatim)', () => {
  it('200 forgery detected: OK, FAIL_ON_2 kept, FORGED, every reported quality check', () => {
    const outcome = toOutcome(200, fixture('forgery-detected-200.json'));
    expect(outcome.result).toEqual({
      vendor: 'VERIHUBS',
      status: 'OK',
      errorCode: 'FAIL_ON_2',
      message: 'KTP forgery detected',
      reference: 'd6dc256e-254b-41de-9ffa-cb63682b57be',
    });
    expect(outcome.forgery).toEqual([{ kind: 'FORGED', vendor: 'VERIHUBS', detail: 'FAIL_ON_2' }]);
    expect(outcome.quality).toEqual([
      { kind: 'BLUR', passed: false, score: 99.351166, vendor: 'VERIHUBS' },
      { kind: 'DARK', passed: true, score: 23.05619, vendor: 'VERIHUBS' },
      { kind: 'FLASHLIGHT', passed: true, score: null, vendor: 'VERIHUBS' },
      { kind: 'GRAYSCALE', passed: true, score: null, vendor: 'VERIHUBS' },
    ]);
    expect(outcome.fields).toEqual([]);
    expect(outcome.face).toBeNull();
    expect(outcome.mrz).toBeNull();
  });

  it('400 sample: the code in data.message (BAD_PAYLOAD) → FAILED', () => {
    const outcome = toOutcome(400, fixture('invalid-payload-400.json'));
    expect(outcome.result.status).toBe('FAILED');
    expect(outcome.result.errorCode).toBe('BAD_PAYLOAD');
    expect(outcome.result.message).toBe('request payload failed validation');
    expect(outcome.result.reference).toBeNull();
  });

  it('401 sample without a code → FAILED UNAUTHORIZED', () => {
    const outcome = toOutcome(401, fixture('authorization-failed-401.json'));
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'UNAUTHORIZED', message: 'authorization failed (App-ID or API-Key)' });
  });

  it('403 sample: the code in error_code → FAILED INSUFFICIENT_QUOTA', () => {
    const outcome = toOutcome(403, fixture('insufficient-quota-403.json'));
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'INSUFFICIENT_QUOTA', message: 'Verihubs quota is not sufficient' });
  });

  it('500 sample without a code → FAILED INTERNAL_SERVER_ERROR', () => {
    const outcome = toOutcome(500, fixture('internal-server-error-500.json'));
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL_SERVER_ERROR' });
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([]);
  });
});

describe('Verihubs verdicts', () => {
  it('a genuine KTP with no error_code → OK, no forgery, all checks passed', () => {
    const outcome = toOutcome(200, {
      status_code: 'FRG-3',
      message: 'Success',
      data: {
        reference_id: 'ref-1',
        forgery: false,
        image_quality: { blur: false, dark: false, grayscale: false, flashlight: false, blur_score: 10.5, dark_score: 3 },
      },
    });
    expect(outcome.result).toEqual({ vendor: 'VERIHUBS', status: 'OK', errorCode: null, message: 'KTP image judged genuine', reference: 'ref-1' });
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality.map((q) => [q.kind, q.passed, q.score])).toEqual([
      ['BLUR', true, 10.5],
      ['DARK', true, 3],
      ['FLASHLIGHT', true, null],
      ['GRAYSCALE', true, null],
    ]);
  });

  it('FAIL_ON_1 without forgery (check not run) → OK, the failed checks, no forgery signal', () => {
    const outcome = toOutcome(200, {
      status_code: 'FRG-2',
      error_code: 'FAIL_ON_1',
      data: { reference_id: 'ref-2', image_quality: { blur: false, dark: true, dark_score: 91.2, flashlight: true, grayscale: false } },
    });
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_1', message: 'KTP image failed the quality checks', reference: 'ref-2' });
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality.filter((q) => !q.passed).map((q) => q.kind)).toEqual(['DARK', 'FLASHLIGHT']);
    expect(outcome.quality.find((q) => q.kind === 'DARK')?.score).toBe(91.2);
  });

  it('reads "True"/"False" booleans, string scores and a lower-case code', () => {
    const outcome = toOutcome(200, {
      error_code: 'fail_on_2',
      data: {
        reference_id: 'ref-3',
        forgery: 'True',
        image_quality: { blur: 'False', dark: 'True', grayscale: 'true', flashlight: 'false', blur_score: '4.25', dark_score: ' 88 ', grayscale_score: '77.5' },
      },
    });
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_2', reference: 'ref-3' });
    expect(outcome.forgery.map((f) => f.kind)).toEqual(['FORGED']);
    expect(outcome.quality).toEqual([
      { kind: 'BLUR', passed: true, score: 4.25, vendor: 'VERIHUBS' },
      { kind: 'DARK', passed: false, score: 88, vendor: 'VERIHUBS' },
      { kind: 'FLASHLIGHT', passed: true, score: null, vendor: 'VERIHUBS' },
      { kind: 'GRAYSCALE', passed: false, score: 77.5, vendor: 'VERIHUBS' },
    ]);
  });

  it('forgery true without a code still reports FORGED', () => {
    const outcome = toOutcome(200, { data: { reference_id: 'r', forgery: true } });
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: null, message: 'KTP forgery detected' });
    expect(outcome.forgery).toEqual([{ kind: 'FORGED', vendor: 'VERIHUBS', detail: 'forgery flag set' }]);
    expect(outcome.quality).toEqual([]);
  });

  it('FAIL_ON_2 with data null → OK and FORGED from the code', () => {
    const outcome = toOutcome(200, { error_code: 'FAIL_ON_2', data: null });
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_2', reference: null });
    expect(outcome.forgery.map((f) => f.kind)).toEqual(['FORGED']);
  });

  it('skips quality checks whose flag is null or absent, and image_quality null', () => {
    const some = toOutcome(200, { data: { forgery: false, image_quality: { blur: null, dark: false, dark_score: null } } });
    expect(some.quality).toEqual([{ kind: 'DARK', passed: true, score: null, vendor: 'VERIHUBS' }]);
    const none = toOutcome(200, { data: { forgery: 'False', image_quality: null } });
    expect(none.result.status).toBe('OK');
    expect(none.quality).toEqual([]);
  });
});

describe('Verihubs errors and odd bodies', () => {
  it.each([
    ['INVALID_PAYLOAD_IMAGE_SIZE', 400],
    ['MISSING_PAYLOAD_IMAGE', 400],
    ['INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY', 400],
    ['INVALID_PAYLOAD_IMAGE_TIMEOUT', 400],
    ['INSUFFICIENT_QUOTA', 403],
  ])('%s in error_code → FAILED with the code', (code, status) => {
    expect(toOutcome(status, { message: 'whatever', error_code: code }).result).toMatchObject({ status: 'FAILED', errorCode: code });
  });

  it('reads a code-shaped top-level message, but not prose', () => {
    expect(toOutcome(400, { message: 'invalid_payload_image_format' }).result.errorCode).toBe('INVALID_PAYLOAD_IMAGE_FORMAT');
    expect(toOutcome(400, { message: 'Invalid Payload' }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_400' });
  });

  it('error_code wins over data.message; data.message in lower case is read', () => {
    expect(toOutcome(400, { error_code: 'INVALID_PAYLOAD', data: { message: 'BAD_PAYLOAD' } }).result.errorCode).toBe('INVALID_PAYLOAD');
    expect(toOutcome(400, { data: { message: 'missing_payload_image' } }).result.errorCode).toBe('MISSING_PAYLOAD_IMAGE');
  });

  it('an unknown code is FAILED with the code kept (on 200 and on 4xx)', () => {
    expect(toOutcome(200, { error_code: 'FAIL_ON_9', data: { forgery: false } }).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'FAIL_ON_9',
      message: 'Verihubs answered with an undocumented code',
    });
    expect(toOutcome(429, { message: 'Too many requests' }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_429' });
  });

  it('a documented error code on HTTP 200 is still FAILED', () => {
    expect(toOutcome(200, { error_code: 'INSUFFICIENT_QUOTA' }).result.status).toBe('FAILED');
  });

  it('garbage, arrays, null and 200 without a verdict are unreadable (FAILED)', () => {
    expect(toOutcome(502, undefined).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_502' });
    expect(toOutcome(200, [1, 2]).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    expect(toOutcome(200, null).result.status).toBe('FAILED');
    expect(toOutcome(200, { message: 'Success' }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    const noForgery = toOutcome(200, { data: { reference_id: 'ref-x', forgery: 'maybe' } });
    expect(noForgery.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200', reference: 'ref-x' });
  });

  it('every documented code has a meaning; only FAIL_ON_1 / FAIL_ON_2 are verdicts', () => {
    const verdicts = VERIHUBS_CODES.filter((code) => describeVerihubsCode(code).status === 'OK');
    expect(verdicts).toEqual(['FAIL_ON_1', 'FAIL_ON_2']);
    for (const code of VERIHUBS_CODES) expect(describeVerihubsCode(code).message.length).toBeGreaterThan(0);
  });
});
