import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckVerdict, VendorOutcome } from '../../../src/signals/model';
import { ADVANCE_ERROR_CODES } from '../../../src/vendors/advance-ai/codes';
import { toOutcome } from '../../../src/vendors/advance-ai/transformers';
import { advanceAiMutations, advanceSuccessExample } from './mutations';

/**
 * The verdict of every ADVANCE.AI answer form (docs/vendors.md, section ADVANCE.AI). Fixtures are
 * the page's examples verbatim; a derived answer changes only the fields its test names.
 */

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/vendors/advance-ai/${name}`, import.meta.url), 'utf8'));

const byCheck = (outcome: VendorOutcome): Record<string, Omit<CheckVerdict, 'vendor' | 'check'>> =>
  Object.fromEntries(outcome.verdicts.map(({ vendor: _, check, ...rest }) => [check, rest]));

const verdictOf = (outcome: VendorOutcome, check: string) => outcome.verdicts.find((v) => v.check === check)?.verdict;

/** The page's SUCCESS example with idvResult and errorCode replaced and no forgery label. */
const successWith = (idvResult: unknown, errorCode: unknown) => {
  const body = advanceSuccessExample() as any;
  body.data.idvResult = idvResult;
  body.data.errorCode = errorCode;
  body.data.docDetail.forgeryLabels = [];
  return body;
};

describe('ADVANCE.AI verdicts: the page examples', () => {
  it('the SUCCESS example without its label: every check PASSED from its own field', () => {
    const outcome = toOutcome(200, successWith('PASS', 'SUCCESS'));
    expect(outcome.result.status).toBe('OK');
    expect(byCheck(outcome)).toEqual({
      FACE: { verdict: 'PASSED', field: 'faceDetail.faceResult', raw: 'PASS' },
      OCR: { verdict: 'PASSED', field: 'docDetail.ocrResult', raw: 'PASS' },
      DOCUMENT: { verdict: 'PASSED', field: 'docDetail.forgeryLabels', raw: '[]' },
      QUALITY: { verdict: 'PASSED', field: 'docDetail.qualityLabels', raw: '[]' },
    });
  });

  it('defect 3: the SUCCESS example verbatim (PASS with forgeryLabels ["photocopy"]) is DOCUMENT UNCLEAR, no PHOTOCOPY signal', () => {
    const outcome = toOutcome(200, fixture('success-pass.json'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
    expect(byCheck(outcome).DOCUMENT).toEqual({ verdict: 'UNCLEAR', field: 'docDetail.forgeryLabels', raw: 'photocopy' });
    // A PHOTOCOPY signal would make the default policy REJECT a case the vendor itself passed.
    expect(outcome.forgery).toEqual([]);
    expect(verdictOf(outcome, 'FACE')).toBe('PASSED');
  });

  it('the FAIL / LIVENESS_ATTACK example: FACE FAILED by errorCode, the rest from docResult and the labels', () => {
    const outcome = toOutcome(200, fixture('fail-liveness-attack.json'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'LIVENESS_ATTACK' });
    expect(byCheck(outcome)).toEqual({
      FACE: { verdict: 'FAILED', field: 'errorCode', raw: 'LIVENESS_ATTACK' },
      OCR: { verdict: 'PASSED', field: 'docDetail.docResult', raw: 'PASS' },
      DOCUMENT: { verdict: 'PASSED', field: 'docDetail.forgeryLabels', raw: '[]' },
      QUALITY: { verdict: 'PASSED', field: 'docDetail.qualityLabels', raw: '[]' },
    });
  });

  it('defect 4: the "fail" / NOT_SUPPORTED_CARD example is a verdict: OK, DOCUMENT FAILED, the code kept', () => {
    const outcome = toOutcome(200, fixture('fail-not-supported-card.json'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'NOT_SUPPORTED_CARD' });
    expect(byCheck(outcome).DOCUMENT).toEqual({ verdict: 'FAILED', field: 'errorCode', raw: 'NOT_SUPPORTED_CARD' });
    // Its details are all null: nothing else passed either.
    expect(outcome.verdicts.filter((v) => v.verdict === 'PASSED')).toEqual([]);
  });

  it('the processing example is PENDING, with no verdicts yet', () => {
    const outcome = toOutcome(200, fixture('processing.json'));
    expect(outcome.result.status).toBe('PENDING');
    expect(outcome.verdicts).toEqual([]);
  });
});

describe('ADVANCE.AI verdicts: the defects', () => {
  it('defect 2: CARD_INFO_MISMATCH ("the front part and the back part ... do not match") is DOCUMENT FAILED, not a forgery', () => {
    const outcome = toOutcome(200, successWith('FAIL', 'CARD_INFO_MISMATCH'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'CARD_INFO_MISMATCH', message: 'The front and back of the document do not match' });
    expect(outcome.forgery).toEqual([]);
    expect(byCheck(outcome).DOCUMENT).toEqual({ verdict: 'FAILED', field: 'errorCode', raw: 'CARD_INFO_MISMATCH' });
    expect(verdictOf(outcome, 'FACE')).toBe('PASSED');
  });

  it('defect 4: FAIL with errorCode null fails every check (field idvResult), OK with the code FAIL', () => {
    const outcome = toOutcome(200, successWith('FAIL', null));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL' });
    expect(outcome.verdicts.map((v) => [v.check, v.verdict, v.field, v.raw])).toEqual([
      ['FACE', 'FAILED', 'idvResult', 'FAIL'],
      ['OCR', 'FAILED', 'idvResult', 'FAIL'],
      ['DOCUMENT', 'FAILED', 'idvResult', 'FAIL'],
      ['QUALITY', 'FAILED', 'idvResult', 'FAIL'],
    ]);
  });

  it('defect 4: FAIL with NO_SUPPORTED_CARD (solutionCode 05) is OK with DOCUMENT FAILED, not an outage', () => {
    const outcome = toOutcome(200, successWith('FAIL', 'NO_SUPPORTED_CARD'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'NO_SUPPORTED_CARD' });
    expect(byCheck(outcome).DOCUMENT).toEqual({ verdict: 'FAILED', field: 'errorCode', raw: 'NO_SUPPORTED_CARD' });
  });
});

describe('ADVANCE.AI verdicts: every idvResult / errorCode pairing', () => {
  const failCodes = ['LIVENESS_ATTACK', 'SIMILARITY_FAIL', 'NO_FACE_DETECTED', 'CARD_INFO_MISMATCH', 'ID_FORGERY_DETECTED', 'STRATEGY_HIT'];
  const noVerdictCodes = ['PARAMETER_ERROR', 'USER_TIMEOUT', 'ERROR'];
  const cardCodes = ADVANCE_ERROR_CODES.filter((c) => c !== 'SUCCESS' && !failCodes.includes(c) && !noVerdictCodes.includes(c));

  /** What the classification gives: a status and, for OK, the set of verdict values. */
  const shape = (idvResult: unknown, errorCode: unknown) => {
    const outcome = toOutcome(200, successWith(idvResult, errorCode));
    return { status: outcome.result.status, verdicts: [...new Set(outcome.verdicts.map((v) => v.verdict))].sort() };
  };

  it.each(failCodes)('FAIL + %s: OK with a FAILED verdict; beside PASS or INCOMPLETE: UNCLEAR', (code) => {
    expect(shape('FAIL', code).status).toBe('OK');
    expect(shape('FAIL', code).verdicts).toContain('FAILED');
    expect(shape('PASS', code)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('INCOMPLETE', code)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
  });

  it.each(cardCodes)('INCOMPLETE or FAIL + %s: OK with a FAILED verdict; beside PASS: UNCLEAR', (code) => {
    for (const result of ['INCOMPLETE', 'FAIL', 'fail']) {
      expect(shape(result, code).status).toBe('OK');
      expect(shape(result, code).verdicts).toContain('FAILED');
    }
    expect(shape('PASS', code)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
  });

  it.each(noVerdictCodes)('INCOMPLETE or FAIL + %s: FAILED (no verdict, never PENDING); beside PASS: UNCLEAR', (code) => {
    expect(shape('INCOMPLETE', code)).toEqual({ status: 'FAILED', verdicts: [] });
    expect(shape('FAIL', code)).toEqual({ status: 'FAILED', verdicts: [] });
    expect(shape('PASS', code)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
  });

  it('SUCCESS passes only beside PASS', () => {
    expect(shape('PASS', 'SUCCESS')).toEqual({ status: 'OK', verdicts: ['PASSED'] });
    expect(shape('pass', 'success')).toEqual({ status: 'OK', verdicts: ['PASSED'] });
    expect(shape('FAIL', 'SUCCESS')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('INCOMPLETE', 'SUCCESS')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
  });

  it('missing, null, mistyped and undocumented values: UNCLEAR, never PENDING', () => {
    expect(shape('PASS', null)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('PASS', undefined)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('PASS', 7)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('PASS', 'NEW_REASON')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('FAIL', 'NEW_REASON')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape('REVIEW', 'SUCCESS')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape(true, 'SUCCESS')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    // A reason without a verdict, or no verdict field at all, is not "still processing".
    expect(shape(null, 'SUCCESS')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape(null, 'USER_TIMEOUT')).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    expect(shape(undefined, undefined)).toEqual({ status: 'OK', verdicts: ['UNCLEAR'] });
    // Only both explicitly null is the documented processing form.
    expect(shape(null, null)).toEqual({ status: 'PENDING', verdicts: [] });
    // A FAIL with an unusable reason still fails; an INCOMPLETE without one is no verdict.
    expect(shape('FAIL', '')).toEqual({ status: 'OK', verdicts: ['FAILED'] });
    expect(shape('INCOMPLETE', null)).toEqual({ status: 'FAILED', verdicts: [] });
  });

  it('the raw value is kept at most 64 characters', () => {
    const outcome = toOutcome(200, successWith('X'.repeat(200), 'SUCCESS'));
    expect(outcome.verdicts.every((v) => v.raw === 'X'.repeat(64))).toBe(true);
  });
});

describe('ADVANCE.AI verdicts: mutations of the clean answer', () => {
  const [clean] = advanceAiMutations.clean;

  it('the clean answer passes every check', () => {
    const outcome = advanceAiMutations.transform(clean!.body);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.verdicts.map((v) => v.verdict)).toEqual(['PASSED', 'PASSED', 'PASSED', 'PASSED']);
  });

  const all = advanceAiMutations.mutations(clean!.body);

  it('covers every verdict-bearing field with absent, null, wrong type and a contradiction or unknown value', () => {
    const fields = new Set(all.filter((m) => !m.carriesNoVerdict).map((m) => m.field));
    expect([...fields]).toEqual(
      expect.arrayContaining(['code', 'idvResult', 'errorCode', 'faceDetail.faceResult', 'faceDetail.faceLivenessScore', 'docDetail.forgeryLabels', 'docDetail.qualityLabels']),
    );
    for (const field of fields) {
      const names = all.filter((m) => m.field === field && !m.carriesNoVerdict).map((m) => m.name);
      expect(
        names.some((n) => /wrong type|as a string|out of range|FAIL|null/.test(n)),
        field,
      ).toBe(true);
    }
  });

  it.each(all.map((m) => [m.name, m]))('%s', (_, mutation) => {
    const outcome = advanceAiMutations.transform(mutation.body);
    const passes = outcome.result.status === 'OK' && outcome.verdicts.length === 4 && outcome.verdicts.every((v) => v.verdict === 'PASSED');
    expect(passes).toBe(mutation.carriesNoVerdict === true);
  });
});
