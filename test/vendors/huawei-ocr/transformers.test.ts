import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VendorOutcome } from '../../../src/signals/model';
import { verifyMrz } from '../../../src/signals/mrz';
import { HUAWEI_ERROR_CODES } from '../../../src/vendors/huawei-ocr/error-codes';
import { toOutcome, toRequestBody } from '../../../src/vendors/huawei-ocr/transformers';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/vendors/huawei-ocr/${name}`, import.meta.url), 'utf8'));
}

function field(outcome: VendorOutcome, name: string) {
  return outcome.fields.find((f) => f.name === name);
}

describe('toRequestBody', () => {
  it('sends base64 in `image` and asks for the card type, not the portrait', () => {
    const body = JSON.parse(toRequestBody({ kind: 'base64', base64: '/9j/4AAQSkZJRg==' }));
    expect(body).toEqual({ image: '/9j/4AAQSkZJRg==', return_idcard_type: true });
  });

  it('sends an OBS URL in `url`, JSON-escaped', () => {
    const url = 'https://bucket.obs.myhwclouds.com/a "b".jpg?x=1&y=2';
    expect(JSON.parse(toRequestBody({ kind: 'obs', url }))).toEqual({ url, return_idcard_type: true });
  });

  it('uses the documented request keys of both examples', () => {
    const image = fixture('request-image.json') as Record<string, unknown>;
    const url = fixture('request-url.json') as Record<string, unknown>;
    const ours = JSON.parse(toRequestBody({ kind: 'base64', base64: image.image as string }));
    expect(ours.image).toBe(image.image);
    expect(Object.keys(JSON.parse(toRequestBody({ kind: 'obs', url: url.url as string })))).toContain('url');
  });
});

describe('toOutcome: the documented 200 example', () => {
  const outcome = toOutcome(200, fixture('success-response.json'), 'req-123');

  it('is OK with the request id as reference', () => {
    expect(outcome.result).toEqual({ vendor: 'HUAWEI_OCR', status: 'OK', errorCode: null, message: null, reference: 'req-123' });
  });

  it('reads Khmer-digit dates as ISO and keeps the raw text', () => {
    expect(field(outcome, 'birthDate')).toMatchObject({ value: '1999-07-10', raw: '១០.០៧.១៩៩៩', confidence: 0.7749 });
    expect(field(outcome, 'issueDate')).toMatchObject({ value: '2015-12-15', raw: '១៥.១២.២០១៥', confidence: 0.7509 });
    expect(field(outcome, 'expiryDate')).toMatchObject({ value: '2025-12-14', raw: '១៤.១២.២០២៥', confidence: 0.7983 });
  });

  it('maps Khmer sex to M/F and names onto canonical fields', () => {
    expect(field(outcome, 'sex')).toMatchObject({ value: 'F', raw: 'ស្រី', confidence: 0.8216 });
    expect(field(outcome, 'fullName')).toMatchObject({ value: 'YOENG THXXXXX', confidence: 0.7191 });
    expect(field(outcome, 'localName')).toMatchObject({ value: 'យឹXXXXX', confidence: 0.8721 });
    expect(field(outcome, 'idNumber')).toMatchObject({ value: 'XXXXX', confidence: 0.8345 });
  });

  it('trims the address but keeps the raw value, and keeps card-only fields', () => {
    expect(field(outcome, 'address')).toMatchObject({ value: 'XXXXX', raw: ' XXXXX', confidence: 0.91185 });
    expect(field(outcome, 'height')).toMatchObject({ value: '158 ស.ម', raw: '១៥៨ ស.ម', confidence: 0.6493 });
    expect(field(outcome, 'birthPlace')).toMatchObject({ value: 'XXXXX', confidence: 0.8282 });
    expect(field(outcome, 'description')).toMatchObject({ value: 'XXXXXX', confidence: 0.9091 });
  });

  it('never invents a nationality', () => {
    expect(field(outcome, 'nationality')).toBeUndefined();
    expect(outcome.fields).toHaveLength(11);
  });

  it('returns the three MRZ lines and no forgery for a normal card', () => {
    expect(outcome.mrz).toEqual(['IDKHM040XXXXXXX<<<<<<<<<<<<<<<', '990XXX2F25XXXXXXX<<<<<<<<<<<2', 'YOENG<<THXXXXX<<<<<<<<<<<<<<<']);
    expect(outcome.forgery).toEqual([]);
    expect(outcome.face).toBeNull();
  });
});

describe('toOutcome: card type (idcard_type, the DOCUMENT verdict)', () => {
  const document = (idcardType: unknown) => {
    const body = fixture('success-response.json') as { result: Record<string, unknown> };
    if (idcardType === undefined) delete body.result.idcard_type;
    else body.result.idcard_type = idcardType;
    const outcome = toOutcome(200, body, null);
    return { outcome, verdict: outcome.verdicts.find((v) => v.check === 'DOCUMENT') };
  };

  it('the page example\'s "normal" is PASSED', () => {
    expect(document('normal').verdict).toEqual({ vendor: 'HUAWEI_OCR', check: 'DOCUMENT', verdict: 'PASSED', field: 'idcard_type', raw: 'normal' });
  });

  it('"copy" (any case) is FAILED with a PHOTOCOPY signal on an OK outcome', () => {
    const { outcome, verdict } = document('COPY');
    expect(outcome.result.status).toBe('OK');
    expect(verdict).toMatchObject({ verdict: 'FAILED', raw: 'COPY' });
    expect(outcome.forgery).toEqual([{ kind: 'PHOTOCOPY', vendor: 'HUAWEI_OCR', detail: expect.stringContaining('copy') }]);
  });

  it('an undocumented word is UNCLEAR (no signal): never read as an original', () => {
    const { outcome, verdict } = document('hologram');
    expect(verdict).toMatchObject({ verdict: 'UNCLEAR', raw: 'hologram' });
    expect(outcome.forgery).toEqual([]);
  });

  it('absent (the adapter always asks for it), null, empty or not a string is UNCLEAR', () => {
    expect(document(undefined).verdict).toMatchObject({ verdict: 'UNCLEAR', raw: null });
    expect(document(null).verdict).toMatchObject({ verdict: 'UNCLEAR', raw: null });
    expect(document('').verdict).toMatchObject({ verdict: 'UNCLEAR', raw: '' });
    expect(document(true).verdict).toMatchObject({ verdict: 'UNCLEAR', raw: 'true' });
    expect(document({ type: 'normal' }).verdict).toMatchObject({ verdict: 'UNCLEAR', raw: null });
  });
});

describe('toOutcome: the OCR verdict', () => {
  /** The page example with its MRZ redaction filled in (same 30/29/29 shape). */
  const filled = () => {
    const body = fixture('success-response.json') as { result: Record<string, unknown> };
    body.result.machine_code1 = 'IDKHM0402718462<<<<<<<<<<<<<<<';
    body.result.machine_code2 = '9907102F2512141KHM<<<<<<<<<<2';
    return body;
  };
  const ocr = (body: unknown) => toOutcome(200, body, null).verdicts.find((v) => v.check === 'OCR');

  it('the page example with its redaction filled in: OCR and DOCUMENT PASSED', () => {
    expect(toOutcome(200, filled(), null).verdicts).toEqual([
      { vendor: 'HUAWEI_OCR', check: 'OCR', verdict: 'PASSED', field: 'result', raw: null },
      { vendor: 'HUAWEI_OCR', check: 'DOCUMENT', verdict: 'PASSED', field: 'idcard_type', raw: 'normal' },
    ]);
  });

  it('the page example verbatim: its redacted MRZ fits no format, so OCR is UNCLEAR (machine_code1, no personal data in raw)', () => {
    expect(ocr(fixture('success-response.json'))).toMatchObject({ verdict: 'UNCLEAR', field: 'machine_code1', raw: null });
  });

  it('a required field absent or of the wrong type is UNCLEAR, naming it', () => {
    for (const name of ['id_number', 'name_en', 'birth_date', 'expiry_date']) {
      const body = filled();
      delete body.result[name];
      expect(ocr(body), name).toMatchObject({ verdict: 'UNCLEAR', field: name, raw: null });
    }
    const body = filled();
    body.result.id_number = 12345;
    expect(ocr(body)).toMatchObject({ verdict: 'UNCLEAR', field: 'id_number', raw: null });
  });

  it('a confidence missing, of the wrong type or outside 0..1 is UNCLEAR', () => {
    const noConfidence = filled();
    delete noConfidence.result.confidence;
    expect(ocr(noConfidence)).toMatchObject({ verdict: 'UNCLEAR', field: 'confidence' });
    const percentage = filled();
    (percentage.result.confidence as Record<string, unknown>).name_en = 71.91;
    expect(ocr(percentage)).toMatchObject({ verdict: 'UNCLEAR', field: 'confidence.name_en', raw: '71.91' });
    const missing = filled();
    delete (missing.result.confidence as Record<string, unknown>).birth_date;
    expect(ocr(missing)).toMatchObject({ verdict: 'UNCLEAR', field: 'confidence.birth_date' });
  });

  it('a date that is no date, or dates that contradict each other, are UNCLEAR', () => {
    const notADate = filled();
    notADate.result.expiry_date = 'មិនកំណត់';
    expect(ocr(notADate)).toMatchObject({ verdict: 'UNCLEAR', field: 'expiry_date' });
    const reversed = filled();
    reversed.result.expiry_date = '១៤.១២.២០១៤';
    expect(ocr(reversed)).toMatchObject({ verdict: 'UNCLEAR', field: 'expiry_date' });
  });

  it('MRZ lines with a wrong check digit contradict themselves: UNCLEAR', () => {
    const body = filled();
    body.result.machine_code2 = '9907102F2512141KHM<<<<<<<<<<3';
    expect(ocr(body)).toMatchObject({ verdict: 'UNCLEAR', field: 'machine_code2' });
  });

  it('no MRZ at all is no verdict (the front of the card may not carry one); a partial MRZ is UNCLEAR', () => {
    const none = filled();
    for (const n of [1, 2, 3]) delete none.result[`machine_code${n}`];
    expect(ocr(none)).toMatchObject({ verdict: 'PASSED' });
    const partial = filled();
    delete partial.result.machine_code3;
    expect(ocr(partial)).toMatchObject({ verdict: 'UNCLEAR', field: 'machine_code3' });
  });

  it('error answers carry no verdicts (FAILED already keeps the case from APPROVE)', () => {
    expect(toOutcome(400, fixture('error-response.json'), null).verdicts).toEqual([]);
  });
});

describe('toOutcome: errors', () => {
  it('maps the documented 400 example to FAILED with its code', () => {
    const outcome = toOutcome(400, fixture('error-response.json'), 'req-9');
    expect(outcome.result).toEqual({
      vendor: 'HUAWEI_OCR',
      status: 'FAILED',
      errorCode: 'AIS.0103',
      message: expect.stringContaining('image size'),
      reference: 'req-9',
    });
    expect(outcome.fields).toEqual([]);
  });

  it.each(HUAWEI_ERROR_CODES)('%s is FAILED with the code and our own message', (code) => {
    const outcome = toOutcome(400, { error_code: code, error_msg: 'vendor text <secret>' }, null);
    expect(outcome.result.status).toBe('FAILED');
    expect(outcome.result.errorCode).toBe(code);
    expect(outcome.result.message).toBeTruthy();
    expect(outcome.result.message).not.toContain('vendor text');
  });

  it('reads codes in either case and keeps the documented spelling', () => {
    expect(toOutcome(400, { error_code: 'modelarts.4204' }, null).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'ModelArts.4204',
      message: expect.stringContaining('not subscribed'),
    });
  });

  it('a token rejection (401, APIG code) is FAILED with that code', () => {
    expect(toOutcome(401, { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information' }, null).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'APIG.0301',
    });
  });

  it('an unknown code is FAILED with the code kept', () => {
    expect(toOutcome(500, { error_code: 'AIS.0200', error_msg: 'internal' }, null).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'AIS.0200',
      message: 'vendor answered with an undocumented error code',
    });
  });

  it('an error code wins even on HTTP 200', () => {
    expect(toOutcome(200, { error_code: 'AIS.0105' }, null).result).toMatchObject({ status: 'FAILED', errorCode: 'AIS.0105' });
  });
});

describe('toOutcome: lenient parsing', () => {
  it('nulls and an absent confidence object give fields without confidence', () => {
    const outcome = toOutcome(200, { result: { name_en: 'SOK DARA', birth_date: null, sex: 'ប្រុស', confidence: null } }, null);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.fields.map((f) => [f.name, f.value, f.confidence])).toEqual([
      ['fullName', 'SOK DARA', null],
      ['sex', 'M', null],
    ]);
    expect(outcome.mrz).toBeNull();
  });

  it('a confidence given as a string (the page documents numbers) is no confidence, and the OCR verdict UNCLEAR', () => {
    const outcome = toOutcome(200, { result: { id_number: '011845273', confidence: { id_number: '0.93' } } }, null);
    expect(field(outcome, 'idNumber')?.confidence).toBeNull();
    expect(outcome.verdicts.find((v) => v.check === 'OCR')).toMatchObject({ verdict: 'UNCLEAR', field: 'confidence.id_number', raw: '0.93' });
  });

  it('Khmer digits in the id number and an unreadable date are handled', () => {
    const outcome = toOutcome(200, { result: { id_number: '០១១៨៤៥២៧៣', expiry_date: '៣២.១៣.២០៣០' } }, null);
    expect(field(outcome, 'idNumber')).toMatchObject({ value: '011845273', raw: '០១១៨៤៥២៧៣' });
    expect(field(outcome, 'expiryDate')).toMatchObject({ value: null, raw: '៣២.១៣.២០៣០' });
  });

  it('an empty result object is OK with nothing read', () => {
    const outcome = toOutcome(200, { result: {} }, null);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.fields).toEqual([]);
    expect(outcome.mrz).toBeNull();
  });

  it('a 200 without `result` is an unreadable body', () => {
    expect(toOutcome(200, { something: 1 }, null).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it('garbage (not JSON) is FAILED', () => {
    expect(toOutcome(200, undefined, null).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    expect(toOutcome(502, '<html>bad gateway</html>', 'r').result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_502', reference: 'r' });
    expect(toOutcome(200, [1, 2], null).result.status).toBe('FAILED');
  });

  it('a 5xx without an error code is FAILED', () => {
    expect(toOutcome(503, {}, null).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_503' });
  });
});

describe('documented example MRZ', () => {
  it('is redacted (X where digits stand), so it is unreadable (null), never "a check digit is wrong"', () => {
    const outcome = toOutcome(200, fixture('success-response.json'), null);
    expect(verifyMrz(outcome.mrz!)).toBeNull();
  });
});
