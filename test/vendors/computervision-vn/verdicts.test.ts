import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckVerdict } from '../../../src/signals/model';
import { toOutcome } from '../../../src/vendors/computervision-vn/transformers';
import { CHIP_TWO_SIDES, PASSPORT } from './payloads';

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/vendors/computervision-vn/${name}`, import.meta.url), 'utf8');
}

/**
 * The page documents the item shape `{"info","valid","invalidMessage","invalidCode","type"}` and the
 * warning code table (0 Successful, 1, 2, 3, 5, 6: no 4) but no filled-in answer; the fixtures fill
 * the shape with the page's own codes and words.
 */
const ITEMS: Record<string, Record<string, unknown>> = JSON.parse(fixture('documents-verdicts.json'));
const envelope = (...data: unknown[]) => ({ data, errorCode: '0', errorMessage: 'Success' });
const verdicts = (body: unknown): CheckVerdict[] => toOutcome(200, body).verdicts;
const of = (body: unknown, check: string) => verdicts(body).filter((v) => v.check === check);

describe('computervision.com.vn DOCUMENT verdict (data[].valid, data[].invalidCode)', () => {
  it('the warning table documents no code 4', () => {
    const codes = fixture('warning-code-table.txt')
      .split('\n')
      .map((line) => /^(\d+) \|/.exec(line)?.[1])
      .filter(Boolean);
    expect(codes).toEqual(['0', '1', '2', '3', '5', '6']);
  });

  it('valid "True" with invalidCode 0 is PASSED; the OCR reading is PASSED', () => {
    expect(verdicts(envelope(ITEMS['valid-true-code-0']))).toEqual([
      { vendor: 'COMPUTERVISION_VN', check: 'DOCUMENT', verdict: 'PASSED', field: 'data[0].valid', raw: 'True' },
      { vendor: 'COMPUTERVISION_VN', check: 'OCR', verdict: 'PASSED', field: 'data[0].type', raw: 'chip_id_card_front' },
    ]);
  });

  it.each([
    ['valid-false-code-0', 'data[0].valid', 'False'],
    ['valid-false-no-code', 'data[0].valid', 'False'],
    ['valid-false-code-4', 'data[0].invalidCode', '4'],
  ])('%s is a FAILED document (%s = %s), status OK', (name, field, raw) => {
    const outcome = toOutcome(200, envelope(ITEMS[name]));
    expect(outcome.result.status).toBe('OK');
    expect(outcome.verdicts.filter((v) => v.check === 'DOCUMENT')).toEqual([{ vendor: 'COMPUTERVISION_VN', check: 'DOCUMENT', verdict: 'FAILED', field, raw }]);
  });

  it('a documented warning with valid "False" is FAILED with the code, besides its forgery signal', () => {
    const body = envelope({ ...ITEMS['valid-false-code-0'], invalidCode: ['2', '5'] });
    const outcome = toOutcome(200, body);
    expect(outcome.forgery.map((f) => f.kind)).toEqual(['PHOTOCOPY', 'CORNER_CLIPPED']);
    expect(of(body, 'DOCUMENT')).toEqual([expect.objectContaining({ verdict: 'FAILED', field: 'data[0].invalidCode', raw: '2,5' })]);
  });

  it('valid "True" with a warning code contradicts itself: UNCLEAR', () => {
    expect(of(envelope(ITEMS['valid-true-code-2']), 'DOCUMENT')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field: 'data[0].invalidCode', raw: '2' })]);
  });

  it('no valid (the PDF / several-documents form) is UNCLEAR: no positive verdict', () => {
    expect(of(envelope(ITEMS['no-valid']), 'DOCUMENT')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field: 'data[0].valid', raw: null })]);
  });

  it.each<[string, unknown, unknown, string, string | null]>([
    ['valid null', null, '0', 'data[0].valid', null],
    ['valid an undocumented word', 'Yes', '0', 'data[0].valid', 'Yes'],
    ['valid a number', 1, '0', 'data[0].valid', '1'],
    ['valid empty', '', '0', 'data[0].valid', ''],
    ['valid True, invalidCode absent', 'True', undefined, 'data[0].invalidCode', null],
    ['valid True, invalidCode empty list', 'True', [], 'data[0].invalidCode', '(list)'],
    ['valid True, invalidCode a boolean', 'True', false, 'data[0].invalidCode', 'false'],
    ['valid True, undocumented code', 'True', '4', 'data[0].invalidCode', '4'],
  ])('%s is UNCLEAR', (_name, valid, invalidCode, field, raw) => {
    const item: Record<string, unknown> = { ...ITEMS['valid-true-code-0'], valid };
    if (invalidCode === undefined) delete item.invalidCode;
    else item.invalidCode = invalidCode;
    expect(of(envelope(item), 'DOCUMENT')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field, raw })]);
  });

  it('JSON booleans and any letter case read as the words', () => {
    expect(of(envelope({ ...ITEMS['valid-true-code-0'], valid: true, invalidCode: 0 }), 'DOCUMENT')[0]!.verdict).toBe('PASSED');
    expect(of(envelope({ ...ITEMS['valid-true-code-0'], valid: 'false' }), 'DOCUMENT')[0]!.verdict).toBe('FAILED');
  });
});

describe('computervision.com.vn OCR verdict (data[].type, data[].info)', () => {
  it('the payloads of every documented type read PASSED, one DOCUMENT and one OCR verdict per document', () => {
    expect(verdicts(CHIP_TWO_SIDES).map((v) => [v.check, v.verdict, v.field])).toEqual([
      ['DOCUMENT', 'PASSED', 'data[0].valid'],
      ['OCR', 'PASSED', 'data[0].type'],
      ['DOCUMENT', 'PASSED', 'data[1].valid'],
      ['OCR', 'PASSED', 'data[1].type'],
    ]);
    expect(of(PASSPORT, 'OCR').map((v) => v.verdict)).toEqual(['PASSED']);
  });

  it.each<[string, Record<string, unknown>, string, string | null]>([
    ['type absent', { type: undefined }, 'data[0].type', null],
    ['type undocumented', { type: 'student_card' }, 'data[0].type', 'student_card'],
    ['type a number', { type: 12 }, 'data[0].type', '12'],
    ['info absent', { info: undefined }, 'data[0].info', null],
    ['info a list', { info: [] }, 'data[0].info', '(list)'],
    ['a reading of the wrong type', { info: { id: { text: '001190012345' } } }, 'data[0].info.id', '(object)'],
    ['a confidence that is no number', { info: { id: '001190012345', id_confidence: 'high' } }, 'data[0].info.id_confidence', 'high'],
    ['a confidence out of range', { info: { id: '001190012345', id_confidence: 140 } }, 'data[0].info.id_confidence', '140'],
  ])('%s is UNCLEAR, naming the field, never its text', (_name, change, field, raw) => {
    const item = { ...ITEMS['valid-true-code-0'], ...change };
    expect(of(envelope(item), 'OCR')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field, raw })]);
  });

  it('an item that is not an object, and an answer with no document, are UNCLEAR on both checks', () => {
    expect(verdicts(envelope(null)).map((v) => [v.check, v.verdict, v.field])).toEqual([
      ['DOCUMENT', 'UNCLEAR', 'data[0]'],
      ['OCR', 'UNCLEAR', 'data[0]'],
    ]);
    for (const data of [[], null, undefined]) {
      expect(verdicts({ data, errorCode: '0' }).map((v) => [v.check, v.verdict, v.field])).toEqual([
        ['DOCUMENT', 'UNCLEAR', 'data'],
        ['OCR', 'UNCLEAR', 'data'],
      ]);
    }
  });

  it('an answer that is not OK carries no verdict', () => {
    expect(verdicts({ data: [], errorCode: '4' })).toEqual([]);
  });
});

describe('computervision.com.vn two-sided call', () => {
  it('front and back found: no extra verdict', () => {
    expect(toOutcome(200, CHIP_TWO_SIDES, null, 2).verdicts.every((v) => v.verdict === 'PASSED')).toBe(true);
  });

  it('only one side found of the two sent: an UNCLEAR DOCUMENT verdict', () => {
    const front = envelope(ITEMS['valid-true-code-0']);
    expect(toOutcome(200, front, null, 2).verdicts).toContainEqual({
      vendor: 'COMPUTERVISION_VN',
      check: 'DOCUMENT',
      verdict: 'UNCLEAR',
      field: 'data',
      raw: 'no back side',
    });
    const back = { ...CHIP_TWO_SIDES, data: [CHIP_TWO_SIDES.data[0]] };
    expect(toOutcome(200, back, null, 2).verdicts).toContainEqual(expect.objectContaining({ verdict: 'UNCLEAR', raw: 'no front side' }));
    expect(toOutcome(200, front, null, 1).verdicts.every((v) => v.verdict === 'PASSED')).toBe(true);
  });
});
