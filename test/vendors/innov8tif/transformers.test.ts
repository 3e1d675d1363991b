import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toRequestBody, INNOV8TIF_MESSAGE_CODES, toOutcome } from '../../../src/vendors/innov8tif/transformers';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/vendors/innov8tif/${name}`, import.meta.url), 'utf8'));

/** The documented 200 example, verbatim. */
const documented = fixture('kh-id-back-v2-response-200.json') as Record<string, unknown>;
/** The documented request example, verbatim. */
const documentedRequest = fixture('kh-id-back-v2-request.json') as Record<string, unknown>;

/** A success envelope holding only the given methods. */
function withMethods(methodList: unknown): Record<string, unknown> {
  return { status: 'success', messageCode: 'api.success', message: '', id: 'abc-1', methodList };
}

describe('toRequestBody', () => {
  it('produces the documented body fields with the key in the body', () => {
    const body = JSON.parse(toRequestBody('CASE 123', 'apiKey', '/9j/4AAQSkZJfYs1wRtQHt//Z'));
    expect(Object.keys(body).sort()).toEqual(Object.keys(documentedRequest).sort());
    expect(body).toEqual({ caseNo: 'CASE 123', apiKey: 'apiKey', idImageBase64Image: '/9j/4AAQSkZJfYs1wRtQHt//Z' });
  });

  it('escapes the text values', () => {
    const body = JSON.parse(toRequestBody('case "7"\n', 'k\\ey', 'AAAA'));
    expect(body.caseNo).toBe('case "7"\n');
    expect(body.apiKey).toBe('k\\ey');
  });
});

describe('toOutcome with the documented example', () => {
  const outcome = toOutcome(200, documented);

  it('is OK with the vendor id as reference and no error code', () => {
    expect(outcome.result).toEqual({
      vendor: 'INNOV8TIF',
      status: 'OK',
      errorCode: null,
      message: 'OkayDoc analysed the back of the ID card',
      reference: '935cee99-e2fe-43a3-b02c-d98a8661bcdc',
    });
  });

  it('reads the seven landmark scores as numbers 0..100', () => {
    expect(outcome.landmarks).toEqual([
      { code: 'l-kh-id-back-logo1', label: 'Logo 1', score: 94.56533193588257, vendor: 'INNOV8TIF' },
      { code: 'l-kh-id-back-logo2', label: 'Logo 2', score: 94.21520233154297, vendor: 'INNOV8TIF' },
      { code: 'l-kh-id-back-logo3', label: 'Logo 3', score: 92.07828640937805, vendor: 'INNOV8TIF' },
      { code: 'l-kh-id-back-kingdom', label: 'Kingdom of Cambodia', score: 90.77043533325195, vendor: 'INNOV8TIF' },
      { code: 'l-kh-id-back-national', label: 'National Religion King', score: 85.3787899017334, vendor: 'INNOV8TIF' },
      { code: 'l-kh-id-back-card', label: 'Khmer Identity Card', score: 94.36067938804626, vendor: 'INNOV8TIF' },
      { code: 'l-kh-id-back-2-lines', label: 'Secruity Statements', score: 86.49997115135193, vendor: 'INNOV8TIF' },
    ]);
  });

  it('reports every check as a passed quality signal', () => {
    expect(outcome.quality).toEqual([
      { kind: 'BLUR', passed: true, score: null, vendor: 'INNOV8TIF' },
      { kind: 'BRIGHTNESS', passed: true, score: null, vendor: 'INNOV8TIF' },
      { kind: 'COLOR_MODE', passed: true, score: null, vendor: 'INNOV8TIF' },
    ]);
  });

  it('says nothing about OCR, face, forgery or MRZ', () => {
    expect(outcome.fields).toEqual([]);
    expect(outcome.face).toBeNull();
    expect(outcome.forgery).toEqual([]);
    expect(outcome.mrz).toBeNull();
  });
});

describe('toOutcome, lenient reading', () => {
  it('maps failed checks to passed=false, whatever their case', () => {
    const outcome = toOutcome(
      200,
      withMethods([
        { method: 'idBlurDetection', componentList: [{ code: 'idBlurDetection', value: 'FAIL' }] },
        { method: 'idBrightnessDetc', componentList: [{ code: 'idBrightnessDetc', value: 'fail' }] },
        { method: 'colorMode', componentList: [{ code: 'colorMode', value: 'pass' }] },
      ]),
    );
    expect(outcome.result.status).toBe('OK');
    expect(outcome.quality.map((q) => [q.kind, q.passed])).toEqual([
      ['BLUR', false],
      ['BRIGHTNESS', false],
      ['COLOR_MODE', true],
    ]);
  });

  it('reads numbers given as numbers or padded strings, and skips unreadable landmarks', () => {
    const outcome = toOutcome(
      200,
      withMethods([
        {
          method: 'Landmark',
          componentList: [
            { code: 'l-a', label: 'A', value: 42 },
            { code: 'l-b', label: null, value: ' 12.5 ' },
            { code: 'l-c', label: 'C', value: 'n/a' },
            { code: null, label: 'D', value: '70' },
            { code: 'l-e', label: 'E' },
            null,
            'junk',
          ],
        },
      ]),
    );
    expect(outcome.landmarks).toEqual([
      { code: 'l-a', label: 'A', score: 42, vendor: 'INNOV8TIF' },
      { code: 'l-b', label: 'l-b', score: 12.5, vendor: 'INNOV8TIF' },
    ]);
  });

  it('ignores unknown methods and checks without a Pass/Fail value', () => {
    const outcome = toOutcome(
      200,
      withMethods([
        { method: 'hologramDetection', componentList: [{ code: 'hologramDetection', value: 'Fail' }] },
        { method: 'idBlurDetection', componentList: [{ code: 'idBlurDetection', value: null }] },
        { method: 'idBrightnessDetc', componentList: null },
        { method: 'colorMode' },
        { componentList: [{ code: 'x', value: '10' }] },
        null,
      ]),
    );
    expect(outcome.result.status).toBe('OK');
    expect(outcome.landmarks).toEqual([]);
    expect(outcome.quality).toEqual([]);
  });

  it('uses the first component when none is named after its check', () => {
    const outcome = toOutcome(200, withMethods([{ method: 'colorMode', componentList: [{ code: 'cm', value: 'Fail' }] }]));
    expect(outcome.quality).toEqual([{ kind: 'COLOR_MODE', passed: false, score: null, vendor: 'INNOV8TIF' }]);
  });

  it('is OK without any methodList, and without an id', () => {
    for (const methodList of [null, undefined, 'x', {}]) {
      const outcome = toOutcome(200, { status: 'success', messageCode: 'api.success', id: null, methodList });
      expect(outcome.result.status).toBe('OK');
      expect(outcome.result.reference).toBeNull();
      expect(outcome.landmarks).toEqual([]);
      expect(outcome.quality).toEqual([]);
    }
  });

  it('accepts the success codes in any case, and a success status without a messageCode', () => {
    expect(toOutcome(200, { status: 'SUCCESS', messageCode: 'API.SUCCESS', id: 'r1' }).result).toMatchObject({ status: 'OK', reference: 'r1' });
    expect(toOutcome(200, { status: 'success', id: 'r2' }).result).toMatchObject({ status: 'OK', errorCode: null });
  });
});

describe('toOutcome, error answers', () => {
  it.each([
    ['api.unauthorized', 401, 'OkayDoc rejected the API key'],
    ['api.invalid.request', 400, 'OkayDoc rejected the request: a required field is missing or malformed'],
    ['api.invalid.image', 400, 'OkayDoc could not read the ID card image'],
    ['api.internal.error', 500, 'OkayDoc had an internal error'],
  ])('%s is FAILED with the code kept and our own message', (code, http, message) => {
    const outcome = toOutcome(http, { status: 'error', messageCode: code, message: 'vendor text with key sk-123', id: null });
    expect(outcome.result).toEqual({ vendor: 'INNOV8TIF', status: 'FAILED', errorCode: code, message, reference: null });
    expect(outcome.landmarks).toEqual([]);
  });

  it('covers every known code', () => {
    expect([...INNOV8TIF_MESSAGE_CODES].sort()).toEqual(['api.success', 'api.unauthorized', 'api.invalid.request', 'api.invalid.image', 'api.internal.error'].sort());
  });

  it('keeps an error code spelt in upper case as sent', () => {
    const outcome = toOutcome(401, { status: 'ERROR', messageCode: 'API.UNAUTHORIZED' });
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'API.UNAUTHORIZED', message: 'OkayDoc rejected the API key' });
  });

  it('is FAILED with an unknown code kept, even with methods present', () => {
    const outcome = toOutcome(200, { ...documented, status: 'error', messageCode: 'api.quota.exceeded' });
    expect(outcome.result).toMatchObject({
      status: 'FAILED',
      errorCode: 'api.quota.exceeded',
      message: 'OkayDoc answered with an unknown message code',
      reference: '935cee99-e2fe-43a3-b02c-d98a8661bcdc',
    });
    expect(outcome.landmarks).toEqual([]);
    expect(outcome.quality).toEqual([]);
  });

  it('is FAILED when the status is not success, even with messageCode api.success', () => {
    const outcome = toOutcome(200, { status: 'error', messageCode: 'api.success' });
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'error' });
  });

  it('is FAILED for a success body on an HTTP error status', () => {
    const outcome = toOutcome(502, documented);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_502' });
    expect(outcome.landmarks).toEqual([]);
  });

  it('is FAILED with the status kept when an error has no messageCode', () => {
    expect(toOutcome(400, { status: 'error', message: 'x' }).result).toMatchObject({ status: 'FAILED', errorCode: 'error' });
  });
});

describe('toOutcome, unreadable bodies', () => {
  it.each([
    ['a non-JSON body', 200, undefined, 'HTTP_200'],
    ['a JSON string', 200, 'ok', 'HTTP_200'],
    ['a JSON array', 200, [documented], 'HTTP_200'],
    ['null', 200, null, 'HTTP_200'],
    ['an object without status or code', 200, { id: 'x' }, 'HTTP_200'],
    ['a web server error page', 500, { timestamp: '2024-01-01T00:00:00Z', status: 500, error: 'Internal Server Error', path: '/x' }, 'HTTP_500'],
  ])('%s is FAILED', (_name, http, body, code) => {
    const outcome = toOutcome(http, body);
    expect(outcome.result).toMatchObject({ vendor: 'INNOV8TIF', status: 'FAILED', errorCode: code, reference: null });
    expect(outcome.landmarks).toEqual([]);
  });
});
