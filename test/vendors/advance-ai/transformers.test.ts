import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VendorOutcome } from '../../../src/signals/model';
import { ADVANCE_ERROR_CODES, describeErrorCode } from '../../../src/vendors/advance-ai/codes';
import { forgeryKindOf, qualityKindOf } from '../../../src/vendors/advance-ai/signals';
import { isTokenRefused, toGetResultBody, toOutcome } from '../../../src/vendors/advance-ai/transformers';

const text = (name: string): string => readFileSync(new URL(`../../fixtures/vendors/advance-ai/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): Record<string, unknown> => JSON.parse(text(name)) as Record<string, unknown>;

const field = (outcome: VendorOutcome, name: string) => outcome.fields.find((f) => f.name === name);

/** A SUCCESS envelope around the given data. */
const success = (data: unknown): Record<string, unknown> => ({
  code: 'SUCCESS',
  message: 'OK',
  data,
  extra: null,
  transactionId: 'tx-1',
  pricingStrategy: 'FREE',
});

describe('toGetResultBody', () => {
  it('sends the signatureId as the only field, escaped', () => {
    expect(JSON.parse(toGetResultBody('f302f5d2454a85c2'))).toEqual({ signatureId: 'f302f5d2454a85c2' });
    expect(JSON.parse(toGetResultBody('a"b\\c'))).toEqual({ signatureId: 'a"b\\c' });
  });
});

describe('toOutcome on the documented examples (verbatim)', () => {
  it('SUCCESS / PASS: verdict, face scores, OCR, the reference; the photocopy label is no forgery signal', () => {
    const outcome = toOutcome(200, fixture('success-pass.json'));
    expect(outcome.result).toEqual({
      vendor: 'ADVANCE_AI',
      status: 'OK',
      errorCode: 'SUCCESS',
      message: 'The user passed the identity verification',
      reference: 'd3fde1547eeaf226',
    });
    expect(outcome.face).toEqual({ livenessScore: 99, similarityScore: 82, vendor: 'ADVANCE_AI' });
    expect(field(outcome, 'sex')).toMatchObject({ value: 'F', raw: 'PEREMPUAN', confidence: null });
    expect(field(outcome, 'birthDate')).toMatchObject({ value: '1977-10-28', raw: '1977/10/28' });
    expect(field(outcome, 'nationality')).toMatchObject({ value: 'MYS', raw: 'MYS' });
    // Masked values are kept as the vendor gave them.
    expect(field(outcome, 'fullName')).toMatchObject({ value: '****** ******', raw: '****** ******' });
    expect(field(outcome, 'idNumber')).toMatchObject({ value: '************' });
    expect(field(outcome, 'address')?.raw).toBe('****** ****** ****** ******');
    // An empty religion is no field; the back's idNumber equals the front's, so no duplicate.
    expect(field(outcome, 'religion')).toBeUndefined();
    expect(outcome.fields.map((f) => f.name).sort()).toEqual(['address', 'birthDate', 'fullName', 'idNumber', 'nationality', 'sex']);
    // The label contradicts the PASS: an UNCLEAR verdict (verdicts.test.ts), not a signal to REJECT on.
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([]);
    expect(outcome.landmarks).toEqual([]);
    expect(outcome.mrz).toBeNull();
  });

  it('FAIL / LIVENESS_ATTACK is a verdict (OK) with the code and liveness 0', () => {
    const outcome = toOutcome(200, fixture('fail-liveness-attack.json'));
    expect(outcome.result.status).toBe('OK');
    expect(outcome.result.errorCode).toBe('LIVENESS_ATTACK');
    expect(outcome.result.message).toBe('Face liveness below 50');
    expect(outcome.face).toEqual({ livenessScore: 0, similarityScore: 82, vendor: 'ADVANCE_AI' });
    expect(field(outcome, 'secondaryIdNumber')).toMatchObject({ value: '************', confidence: null });
    expect(outcome.forgery).toEqual([]);
  });

  it('"fail" / NOT_SUPPORTED_CARD (the example spelling, lower-case result, all nulls) is a verdict, not an outage', () => {
    const outcome = toOutcome(200, fixture('fail-not-supported-card.json'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'NOT_SUPPORTED_CARD', reference: 'd3fde1547eeaf226' });
    expect(outcome.face).toBeNull();
    expect(outcome.fields).toEqual([]);
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([]);
  });

  it('the processing example is PENDING with the partial signals already there', () => {
    // The doc's example is not JSON (// comments, an unquoted PASS): processing.json is the same
    // text with the comments removed and PASS quoted.
    const verbatim = text('processing.txt');
    expect(() => JSON.parse(verbatim)).toThrow();
    const repaired = text('processing.json');
    expect(repaired.replace(/\s/g, '')).toBe(
      verbatim
        .replace(/ \/\/ [a-z ]*$/gm, '')
        .replace('"ocrResult": PASS', '"ocrResult": "PASS"')
        .replace(/\s/g, ''),
    );
    const outcome = toOutcome(200, fixture('processing.json'));
    expect(outcome.result).toMatchObject({ status: 'PENDING', errorCode: null, reference: 'd3fde1547eeaf226' });
    expect(outcome.face).toEqual({ livenessScore: 99, similarityScore: null, vendor: 'ADVANCE_AI' });
    // birthdayParsed is preferred to the printed birthday.
    expect(field(outcome, 'birthDate')).toMatchObject({ value: '1977-10-28', raw: '1977/10/28' });
    expect(field(outcome, 'idNumber')?.raw).toBe('09-*******-*');
    expect(outcome.forgery).toEqual([]);
  });

  it('SIGNATURE_NOT_EXIST and ERROR are FAILED with the code and the reference', () => {
    expect(toOutcome(200, fixture('signature-not-exist.json')).result).toEqual({
      vendor: 'ADVANCE_AI',
      status: 'FAILED',
      errorCode: 'SIGNATURE_NOT_EXIST',
      message: 'The signatureId does not exist',
      reference: 'b6d722f7e9f553ae',
    });
    expect(toOutcome(500, fixture('error.json')).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'ERROR',
      reference: '1deae5a13ef2bd5e',
    });
  });
});

describe('toOutcome: every documented errorCode', () => {
  const failCodes = ['LIVENESS_ATTACK', 'SIMILARITY_FAIL', 'NO_FACE_DETECTED', 'CARD_INFO_MISMATCH', 'ID_FORGERY_DETECTED', 'STRATEGY_HIT'];
  const noVerdict = ['PARAMETER_ERROR', 'USER_TIMEOUT', 'ERROR'];
  const resultFor = (code: string) => (code === 'SUCCESS' ? 'PASS' : failCodes.includes(code) ? 'FAIL' : 'INCOMPLETE');

  it.each(ADVANCE_ERROR_CODES.map((c) => [c]))('%s keeps its code with the right status', (code) => {
    const outcome = toOutcome(200, success({ idvResult: resultFor(code), errorCode: code }));
    expect(outcome.result.errorCode).toBe(code);
    expect(outcome.result.status).toBe(noVerdict.includes(code) ? 'FAILED' : 'OK');
    expect(outcome.result.message).toBe(describeErrorCode(code).message);
  });

  it('USER_TIMEOUT ends the wait: FAILED, not PENDING', () => {
    expect(toOutcome(200, success({ idvResult: 'INCOMPLETE', errorCode: 'USER_TIMEOUT' })).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'USER_TIMEOUT',
    });
  });

  it('ID_FORGERY_DETECTED adds a FORGED signal; CARD_INFO_MISMATCH (a mismatch) adds none', () => {
    expect(toOutcome(200, success({ idvResult: 'FAIL', errorCode: 'ID_FORGERY_DETECTED' })).forgery).toEqual([
      { kind: 'FORGED', vendor: 'ADVANCE_AI', detail: 'ID_FORGERY_DETECTED' },
    ]);
    expect(toOutcome(200, success({ idvResult: 'FAIL', errorCode: 'CARD_INFO_MISMATCH' })).forgery).toEqual([]);
    // A forgery label of the same kind is not doubled.
    const labelled = toOutcome(200, success({ idvResult: 'FAIL', errorCode: 'ID_FORGERY_DETECTED', docDetail: { forgeryLabels: ['tampered'] } }));
    expect(labelled.forgery).toEqual([{ kind: 'FORGED', vendor: 'ADVANCE_AI', detail: 'tampered' }]);
  });
});

describe('toOutcome: odd answers', () => {
  it('codes and results in any case', () => {
    const outcome = toOutcome(200, { code: 'success', data: { idvResult: 'fail', errorCode: 'liveness_attack' } });
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'LIVENESS_ATTACK', reference: null });
  });

  it('an unknown errorCode is an UNCLEAR answer, an unknown envelope code FAILED, the code kept', () => {
    expect(toOutcome(200, success({ idvResult: 'FAIL', errorCode: 'NEW_REASON' })).result).toMatchObject({
      status: 'OK',
      errorCode: 'NEW_REASON',
    });
    expect(toOutcome(200, { code: 'OVER_QUERY_LIMIT', data: null, transactionId: 'tx-9' }).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'OVER_QUERY_LIMIT',
      reference: 'tx-9',
    });
  });

  it('a verdict without an errorCode keeps the verdict', () => {
    expect(toOutcome(200, success({ idvResult: 'PASS', errorCode: null })).result).toMatchObject({ status: 'OK', errorCode: null });
    expect(toOutcome(200, success({ idvResult: 'FAIL' })).result).toMatchObject({ status: 'OK', errorCode: 'FAIL' });
    expect(toOutcome(200, success({ idvResult: 'INCOMPLETE' })).result).toMatchObject({ status: 'FAILED', errorCode: 'INCOMPLETE' });
    expect(toOutcome(200, success({ idvResult: 'REVIEW' })).result).toMatchObject({ status: 'OK', errorCode: 'REVIEW' });
  });

  it('null and absent details (face-only and document-only flows)', () => {
    const faceOnly = toOutcome(200, success({ idvResult: 'PASS', errorCode: 'SUCCESS', faceDetail: { faceLivenessScore: 98 }, docDetail: null }));
    expect(faceOnly.result.status).toBe('OK');
    expect(faceOnly.face).toEqual({ livenessScore: 98, similarityScore: null, vendor: 'ADVANCE_AI' });
    expect(faceOnly.fields).toEqual([]);
    const docOnly = toOutcome(200, success({ idvResult: 'PASS', errorCode: 'SUCCESS', docDetail: { ocrInfo: { front: { name: 'A B' }, back: null } } }));
    expect(docOnly.face).toBeNull();
    expect(docOnly.fields.map((f) => f.name)).toEqual(['fullName']);
    const bare = toOutcome(200, success({ idvResult: 'PASS', errorCode: 'SUCCESS' }));
    expect(bare.result.status).toBe('OK');
    expect(bare).toMatchObject({ face: null, fields: [], forgery: [], quality: [] });
  });

  it('scores as strings are not the documented form (no score), odd OCR keys, a disagreeing back side', () => {
    const outcome = toOutcome(
      200,
      success({
        idvResult: 'PASS',
        errorCode: 'SUCCESS',
        faceDetail: { faceLivenessScore: '97.5', faceSimilarityScore: ' 81 ' },
        docDetail: {
          ocrInfo: {
            front: { idNumber: '123', gender: 'LELAKI', birthday: '28-10-1977', place_of_birth: 'KAJANG', expiryDate: '2030/01/31' },
            back: { idNumber: '999', address: 'JALAN 1' },
          },
        },
      }),
    );
    expect(outcome.face).toBeNull();
    expect(outcome.verdicts.find((v) => v.check === 'FACE')).toMatchObject({ verdict: 'UNCLEAR' });
    expect(field(outcome, 'sex')?.value).toBe('M');
    expect(field(outcome, 'birthDate')?.value).toBe('1977-10-28');
    expect(field(outcome, 'expiryDate')?.value).toBe('2030-01-31');
    expect(field(outcome, 'placeOfBirth')?.value).toBe('KAJANG');
    expect(field(outcome, 'idNumber')?.value).toBe('123');
    expect(field(outcome, 'backIdNumber')?.value).toBe('999');
    expect(field(outcome, 'address')?.value).toBe('JALAN 1');
  });

  it('forgery labels of a negative verdict and quality labels become kinds', () => {
    const outcome = toOutcome(
      200,
      success({
        idvResult: 'FAIL',
        errorCode: 'LIVENESS_ATTACK',
        docDetail: {
          forgeryLabels: ['photocopy', 'screen', 'forgery', 'photocopy', ' '],
          qualityLabels: { front: ['blur', 'glare'], back: ['dark', 'grayscale', 'blur', 'mystery'] },
        },
      }),
    );
    expect(outcome.forgery.map((f) => f.kind)).toEqual(['PHOTOCOPY', 'SCREEN_CAPTURE', 'FORGED']);
    expect(outcome.quality).toEqual(['BLUR', 'FLASHLIGHT', 'DARK', 'GRAYSCALE'].map((kind) => ({ kind, passed: false, score: null, vendor: 'ADVANCE_AI' })));
    expect(['tamper', 'forged', 'fake'].map(forgeryKindOf)).toEqual(['FORGED', 'FORGED', 'FORGED']);
    expect(['flashlight', 'Blurry', 'too_dark', 'mystery'].map(qualityKindOf)).toEqual(['FLASHLIGHT', 'BLUR', 'DARK', null]);
  });

  it('garbage, empty bodies and SUCCESS without data are FAILED unreadable bodies', () => {
    expect(toOutcome(200, undefined).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    expect(toOutcome(502, '<html>').result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_502' });
    expect(toOutcome(200, [1, 2]).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    expect(toOutcome(200, { message: 'no code' }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    expect(toOutcome(200, { code: 'SUCCESS', data: null }).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it('a refused token is recognised and FAILED with the vendor code', () => {
    const refused = { code: 'IAM_FAILED', message: 'Access Denied', data: null, transactionId: 'tx-2' };
    expect(isTokenRefused(401, refused)).toBe(true);
    expect(isTokenRefused(200, refused)).toBe(true);
    expect(isTokenRefused(401, undefined)).toBe(true);
    expect(isTokenRefused(200, fixture('success-pass.json'))).toBe(false);
    expect(isTokenRefused(200, fixture('signature-not-exist.json'))).toBe(false);
    expect(toOutcome(401, refused).result).toMatchObject({ status: 'FAILED', errorCode: 'IAM_FAILED', reference: 'tx-2' });
  });
});
