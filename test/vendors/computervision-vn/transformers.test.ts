import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OcrField, VendorOutcome } from '../../../src/signals/model';
import { toBase64Call, toOutcome, toUrlCall } from '../../../src/vendors/computervision-vn/transformers';
import { COMPUTERVISION_VN_ERROR_CODES } from '../../../src/vendors/computervision-vn/types';
import { CHIP_TWO_SIDES, CITIZEN_ID_NO_EXPIRY, OLD_ID_FRONT_WARNINGS, PASSPORT } from './payloads';

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/vendors/computervision-vn/${name}`, import.meta.url), 'utf8');
}

function field(outcome: VendorOutcome, name: string): OcrField | undefined {
  return outcome.fields.find((f) => f.name === name);
}

/**
 * The page's examples are not JSON: its request bodies carry `// ...` comments (their line breaks
 * lost, so a comment runs into the next key), its response shapes carry `[xxxx]` and bare `string`
 * placeholders. The `.txt` files keep them verbatim; the `.json` beside them drop the comments and
 * turn the placeholders into `[]` and `"string"`.
 */
describe('document examples', () => {
  const stripComments = (text: string) => text.replace(/\/\/.*?(?="img2"|\}\s*$)/g, '');

  it('two-sided JSON body has the documented keys, front in img1 and back in img2', () => {
    const repaired = JSON.parse(fixture('request-cards-base64.json'));
    expect(JSON.parse(stripComments(fixture('request-cards-base64.txt')))).toEqual(repaired);
    const call = toBase64Call('iVBORw0KGgoAAAANSU...', 'iVBORw0KGgoAAAANSU...');
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/api/v2/ekyc/cards');
    expect(call.query).toEqual({ format_type: 'base64', get_thumb: 'false' });
    expect(call.method === 'POST' && JSON.parse(call.body)).toEqual(repaired);
    const ordered = toBase64Call('QUFB', 'QkJC');
    expect(ordered.method === 'POST' && JSON.parse(ordered.body)).toEqual({ img1: 'QUFB', img2: 'QkJC' });
  });

  it('one-side JSON body has the documented key img', () => {
    const repaired = JSON.parse(fixture('request-card-base64.json'));
    expect(JSON.parse(stripComments(fixture('request-card-base64.txt')))).toEqual(repaired);
    const call = toBase64Call('iVBORw0KGgoAAAANSU...', null);
    expect(call.path).toBe('/api/v2/ekyc/card');
    expect(call.method === 'POST' && JSON.parse(call.body)).toEqual(repaired);
  });

  it('URL images use the documented GET query forms', () => {
    const two = toUrlCall('https://example.com/front.png', 'https://example.com/back.png');
    expect(two.method).toBe('GET');
    expect(two.path).toBe('/api/v2/ekyc/cards');
    expect(new URLSearchParams(two.query).toString()).toBe('img1=https%3A%2F%2Fexample.com%2Ffront.png&img2=https%3A%2F%2Fexample.com%2Fback.png&format_type=url&get_thumb=false');
    const one = toUrlCall('https://example.com/image.png', null);
    expect(one.path).toBe('/api/v2/ekyc/card');
    expect(one.query).toEqual({ img: 'https://example.com/image.png', format_type: 'url', get_thumb: 'false' });
  });

  it('the generic response shape with its placeholder code is an undocumented code: FAILED, code kept', () => {
    expect(fixture('response-generic.txt')).toContain('[xxxx]');
    const outcome = toOutcome(200, JSON.parse(fixture('response-generic.json')));
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'string', reference: null });
    expect(outcome.fields).toEqual([]);
  });

  it('the document item shape with empty placeholders is an answer with nothing read and nothing judged', () => {
    const item = JSON.parse(fixture('response-ekyc-document.json'));
    const outcome = toOutcome(200, { data: [item], errorCode: '0', errorMessage: 'Success' });
    expect(outcome.result).toMatchObject({ vendor: 'COMPUTERVISION_VN', status: 'OK', errorCode: '0', message: 'Success' });
    expect(outcome.verdicts.map((v) => [v.check, v.verdict, v.field])).toEqual([
      ['DOCUMENT', 'UNCLEAR', 'data[0].valid'],
      ['OCR', 'UNCLEAR', 'data[0].type'],
    ]);
    expect(outcome.fields).toEqual([]);
    expect(outcome.forgery).toEqual([]);
    expect(outcome.mrz).toBeNull();
  });
});

describe('toOutcome: documents', () => {
  it('merges a chip card front and back, front first, with ISO dates, M/F and confidences', () => {
    const outcome = toOutcome(200, CHIP_TWO_SIDES, 'req-42');
    expect(outcome.result).toEqual({ vendor: 'COMPUTERVISION_VN', status: 'OK', errorCode: '0', message: 'Success', reference: 'req-42' });
    expect(outcome.fields[0]).toEqual({ name: 'idNumber', value: '001190012345', raw: '001190012345', confidence: 0.9991, vendor: 'COMPUTERVISION_VN' });
    expect(field(outcome, 'fullName')).toMatchObject({ value: 'ĐỖ THỊ MINH THƯ', confidence: 0.9876 });
    // The back reads 15/03 from its MRZ; the front's reading wins.
    expect(field(outcome, 'birthDate')).toMatchObject({ value: '1990-03-14', raw: '14/03/1990', confidence: 0.9954 });
    expect(field(outcome, 'sex')).toMatchObject({ value: 'F', raw: 'Nữ', confidence: 0.9902 });
    expect(field(outcome, 'expiryDate')).toMatchObject({ value: '2030-03-14', confidence: 0.9801 });
    expect(field(outcome, 'nationality')).toMatchObject({ value: 'Việt Nam', confidence: 0.9977 });
    expect(field(outcome, 'address')?.value).toBe('Số 12 Ngõ 45 Phố Hoa Lư, Phường Lê Đại Hành, Hai Bà Trưng, Hà Nội');
    expect(field(outcome, 'hometown')).toMatchObject({ value: 'Xã Đông Phong, Yên Phong, Bắc Ninh', confidence: 0.9533 });
    expect(field(outcome, 'addressTown')).toMatchObject({ value: 'Hà Nội', confidence: null });
    expect(field(outcome, 'issueDate')).toMatchObject({ value: '2021-05-10', confidence: 0.9931 });
    expect(field(outcome, 'issuedAt')?.value).toBe('CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI');
    expect(field(outcome, 'documentNumber')?.value).toBe('190012345');
    expect(field(outcome, 'personNumber')?.value).toBe('001190012345');
    expect(field(outcome, 'surname')?.value).toBe('DO');
    expect(field(outcome, 'givenName')?.value).toBe('THI MINH THU');
    expect(field(outcome, 'identificationSign')?.confidence).toBe(0.9512);
    expect(field(outcome, 'country')?.value).toBe('VNM');
    const names = outcome.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => /code|box|confidence|image|mrz/i.test(n))).toEqual([]);
    expect(outcome.mrz).toEqual(['IDVNM1900123451001190012345<<2', '9003147F3003143VNM<<<<<<<<<<<8', 'DO<<THI<MINH<THU<<<<<<<<<<<<<<']);
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([]);
    expect(outcome.face).toBeNull();
  });

  it('reads numeric codes, string and percentage confidences, and a list of warning codes', () => {
    const outcome = toOutcome(200, OLD_ID_FRONT_WARNINGS);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.result.errorCode).toBe('invalidCode=2,5');
    expect(outcome.result.message).toBe("The picture is a photocopy version of the id card; The id card's corner has been clipped");
    expect(outcome.forgery).toEqual([
      { kind: 'PHOTOCOPY', vendor: 'COMPUTERVISION_VN', detail: 'The picture is a photocopy version of the id card' },
      { kind: 'CORNER_CLIPPED', vendor: 'COMPUTERVISION_VN', detail: "The id card's corner has been clipped" },
    ]);
    expect(JSON.stringify(outcome)).not.toContain('anything the vendor says');
    expect(field(outcome, 'idNumber')?.confidence).toBe(0.97);
    expect(field(outcome, 'fullName')?.confidence).toBe(0.935);
    expect(field(outcome, 'birthDate')).toMatchObject({ value: '1975-11-02', confidence: 0.88 });
    expect(field(outcome, 'hometown')?.confidence).toBeNull();
  });

  it('keeps "Không thời hạn" (no expiry) as raw text with a null date; maps religion and ethnicity', () => {
    const outcome = toOutcome(200, CITIZEN_ID_NO_EXPIRY);
    expect(outcome.result.status).toBe('OK');
    expect(field(outcome, 'expiryDate')).toMatchObject({ value: null, raw: 'Không thời hạn' });
    expect(field(outcome, 'sex')?.value).toBe('M');
    expect(field(outcome, 'ethnicity')?.value).toBe('Kinh');
    expect(field(outcome, 'religion')?.value).toBe('Không');
    expect(field(outcome, 'issueDate')?.value).toBe('2016-04-20');
    const upper = structuredClone(CITIZEN_ID_NO_EXPIRY);
    upper.data[0]!.info.due_date = 'KHÔNG THỜI HẠN';
    expect(field(toOutcome(200, upper), 'expiryDate')).toMatchObject({ value: null, raw: 'KHÔNG THỜI HẠN' });
  });

  it('reads a passport: full_name, bilingual sex, birth place, MRZ given as text', () => {
    const outcome = toOutcome(200, PASSPORT);
    expect(field(outcome, 'idNumber')?.value).toBe('C1234567');
    expect(field(outcome, 'fullName')).toMatchObject({ value: 'PHẠM THU TRANG', confidence: 0.97 });
    expect(field(outcome, 'sex')).toMatchObject({ value: 'F', raw: 'Nữ/F' });
    expect(field(outcome, 'birthDate')?.value).toBe('1988-09-05');
    expect(field(outcome, 'expiryDate')?.value).toBe('2031-08-12');
    expect(field(outcome, 'birthPlace')?.value).toBe('HÀ NỘI');
    expect(field(outcome, 'confidence')).toBeUndefined();
    expect(outcome.mrz).toEqual(['P<VNMPHAM<<THU<TRANG<<<<<<<<<<<<<<<<<<<<<<<<', 'C1234567<0VNM8809057F3108126001188004321<<08']);
  });

  it.each([
    ['1', 'SCREEN_CAPTURE', 'Photo contains sign of being taken through an electronic screen'],
    ['2', 'PHOTOCOPY', 'The picture is a photocopy version of the id card'],
    ['3', 'ID_FORMAT_INVALID', 'The id field on the document is incorrectly formatted'],
    ['5', 'CORNER_CLIPPED', "The id card's corner has been clipped"],
    ['6', 'CORNER_MISSING', "The id card's corner has been missing"],
  ])('warning code %s is a %s forgery signal on an OK verdict', (code, kind, text) => {
    const body = { data: [{ info: { id: '001190012345' }, valid: 'False', invalidCode: code, invalidMessage: 'x', type: 'chip_id_card_front' }], errorCode: '0' };
    const outcome = toOutcome(200, body);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: `invalidCode=${code}`, message: text });
    expect(outcome.forgery).toEqual([{ kind, vendor: 'COMPUTERVISION_VN', detail: text }]);
    expect(field(outcome, 'idNumber')?.value).toBe('001190012345');
  });

  it('notes an undocumented warning code without a signal', () => {
    const body = { data: [{ info: {}, valid: 'False', invalidCode: '4', type: 'chip_id_card_front' }], errorCode: '0' };
    const outcome = toOutcome(200, body);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'invalidCode=4', message: 'undocumented warning code 4' });
    expect(outcome.forgery).toEqual([]);
  });

  it('notes "valid: False" without a documented code, raising no signal', () => {
    const body = { data: [{ info: {}, valid: 'false', invalidCode: '0', type: 'passport' }], errorCode: '0' };
    const outcome = toOutcome(200, body);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.result.errorCode).toBe('0');
    expect(outcome.result.message).toMatch(/invalid without a documented warning code/);
    expect(outcome.forgery).toEqual([]);
  });
});

describe('toOutcome: error codes and odd bodies', () => {
  const messages: Record<string, string> = {
    '1': 'The photo does not contain content',
    '2': 'Url is unavailable',
    '3': 'Incorrect image format',
    '4': 'Out of requests',
    '5': 'Incorrect api_key or api_secret',
    '6': 'Incorrect format type',
  };

  it.each(Object.entries(messages))('code %s is FAILED with the code and the page text', (code, message) => {
    const outcome = toOutcome(200, { data: [], errorCode: code, errorMessage: 'runtime text' });
    expect(outcome.result).toEqual({ vendor: 'COMPUTERVISION_VN', status: 'FAILED', errorCode: code, message, reference: null });
  });

  it('covers every documented code', () => {
    for (const code of COMPUTERVISION_VN_ERROR_CODES) {
      const outcome = toOutcome(200, { data: [], errorCode: code });
      expect(outcome.result.status).toBe(code === '0' ? 'OK' : 'FAILED');
      expect(outcome.result.message).toBe(code === '0' ? 'Success' : messages[code]);
    }
  });

  it('reads codes given as numbers or padded text, on any status', () => {
    expect(toOutcome(401, { data: [], errorCode: 5 }).result).toMatchObject({ status: 'FAILED', errorCode: '5' });
    expect(toOutcome(200, { errorCode: ' 04 ' }).result).toMatchObject({ status: 'FAILED', errorCode: '4' });
    expect(toOutcome(200, { errorCode: 0, data: [] }).result).toMatchObject({ status: 'OK', errorCode: '0' });
  });

  it('an undocumented code is FAILED with the code kept', () => {
    expect(toOutcome(200, { data: [], errorCode: '9' }).result).toMatchObject({ status: 'FAILED', errorCode: '9' });
    expect(toOutcome(200, { data: [], errorCode: 'quota_exceeded' }).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'quota_exceeded',
    });
  });

  it('nulls and absent objects are an empty verdict, not a crash', () => {
    for (const data of [null, undefined, [], [null, 7, 'x', { info: null }, { type: null }]]) {
      const outcome = toOutcome(200, { data, errorCode: '0', errorMessage: null });
      expect(outcome.result.status).toBe('OK');
      expect(outcome.fields).toEqual([]);
    }
    const blank = toOutcome(200, { data: [{ info: { id: '', name: null, dob: '  ' } }], errorCode: '0' });
    expect(blank.fields).toEqual([]);
  });

  it('bodies that are not the documented envelope are FAILED', () => {
    for (const body of [undefined, null, 'garbage', 42, [1, 2], { data: [] }, { errorCode: '0', data: { info: {} } }]) {
      const outcome = toOutcome(200, body);
      expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    }
  });

  it('HTTP errors without a documented code are FAILED with the status', () => {
    expect(toOutcome(500, { message: 'Internal Server Error' }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_500' });
    expect(toOutcome(502, undefined).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_502' });
    expect(toOutcome(500, { errorCode: '0', data: [] }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_500' });
  });
});
