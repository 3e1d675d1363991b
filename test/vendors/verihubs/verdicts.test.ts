import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckVerdict } from '../../../src/signals/model';
import { toOutcome } from '../../../src/vendors/verihubs/transformers';

const text = (name: string): string => readFileSync(new URL(`../../fixtures/vendors/verihubs/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): Record<string, any> => JSON.parse(text(name));
const verdicts = (body: unknown): CheckVerdict[] => toOutcome(200, body).verdicts;
const of = (body: unknown, check: string) => verdicts(body).filter((v) => v.check === check);

/** A genuine KTP answer in the page's 200 sample shape: no code, forgery false, every flag false. */
function genuine(): Record<string, any> {
  const body = fixture('forgery-detected-200.json');
  delete body.error_code;
  body.message = 'Success';
  body.data.forgery = false;
  body.data.image_quality.blur = false;
  return body;
}

describe('Verihubs FAIL_ON_1 (the page: "200 FAIL_ON_1 fail on quality")', () => {
  it('the page lists FAIL_ON_1 as an HTTP 200 answer', () => {
    expect(text('error-code-table.txt')).toContain('200FAIL_ON_1fail on quality');
  });

  it('without image_quality: QUALITY FAILED from the code, DOCUMENT UNCLEAR (the forgery check did not run)', () => {
    const outcome = toOutcome(200, fixture('fail-on-quality-bare-200.json'));
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_1' });
    expect(outcome.quality).toEqual([]);
    expect(outcome.verdicts).toEqual([
      { vendor: 'VERIHUBS', check: 'DOCUMENT', verdict: 'UNCLEAR', field: 'data.forgery', raw: null },
      { vendor: 'VERIHUBS', check: 'QUALITY', verdict: 'FAILED', field: 'error_code', raw: 'FAIL_ON_1' },
    ]);
  });

  it('with the failed flags: QUALITY FAILED; with every flag false it contradicts itself: UNCLEAR', () => {
    const flagged = fixture('fail-on-quality-bare-200.json');
    flagged.data.image_quality = { blur: true, dark: false, grayscale: false, flashlight: false, blur_score: 99.35 };
    expect(of(flagged, 'QUALITY')).toEqual([expect.objectContaining({ verdict: 'FAILED', field: 'error_code' })]);
    flagged.data.image_quality.blur = false;
    expect(of(flagged, 'QUALITY')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field: 'error_code', raw: 'FAIL_ON_1' })]);
  });
});

describe('Verihubs verdicts', () => {
  it("the page's own sample (FAIL_ON_2, forgery true, blur true): DOCUMENT and QUALITY FAILED", () => {
    expect(verdicts(fixture('forgery-detected-200.json'))).toEqual([
      { vendor: 'VERIHUBS', check: 'DOCUMENT', verdict: 'FAILED', field: 'error_code', raw: 'FAIL_ON_2' },
      { vendor: 'VERIHUBS', check: 'QUALITY', verdict: 'FAILED', field: 'data.image_quality.blur', raw: 'true' },
    ]);
  });

  it('a genuine answer with every flag false is PASSED on both', () => {
    expect(verdicts(genuine())).toEqual([
      { vendor: 'VERIHUBS', check: 'DOCUMENT', verdict: 'PASSED', field: 'data.forgery', raw: 'false' },
      { vendor: 'VERIHUBS', check: 'QUALITY', verdict: 'PASSED', field: 'data.image_quality', raw: '(object)' },
    ]);
    const words = genuine();
    words.data.forgery = 'False';
    words.data.image_quality.dark = 'FALSE';
    expect(verdicts(words).map((v) => v.verdict)).toEqual(['PASSED', 'PASSED']);
  });

  it('FAIL_ON_2 with forgery false contradicts itself: UNCLEAR (the FORGED signal stays)', () => {
    const body = fixture('forgery-detected-200.json');
    body.data.forgery = false;
    const outcome = toOutcome(200, body);
    expect(outcome.forgery.map((f) => f.kind)).toEqual(['FORGED']);
    expect(outcome.verdicts[0]).toMatchObject({ check: 'DOCUMENT', verdict: 'UNCLEAR', field: 'data.forgery', raw: 'false' });
  });

  it.each<[string, unknown]>([
    ['a number', 0],
    ['an undocumented word', 'no'],
    ['"fail"', 'fail'],
  ])('forgery %s with no code is not the documented answer (FAILED, unreadable)', (_name, forgery) => {
    const body = genuine();
    body.data.forgery = forgery;
    expect(toOutcome(200, body).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it.each<[string, (q: Record<string, unknown>) => void, string, string | null]>([
    ['a flag absent', (q) => delete q.flashlight, 'data.image_quality.flashlight', null],
    ['a flag null', (q) => (q.dark = null), 'data.image_quality.dark', null],
    ['a flag an undocumented word', (q) => (q.grayscale = 'maybe'), 'data.image_quality.grayscale', 'maybe'],
    ['a flag a number', (q) => (q.blur = 0), 'data.image_quality.blur', '0'],
    ['a score that is no number', (q) => (q.blur_score = 'low'), 'data.image_quality.blur_score', 'low'],
  ])('%s is QUALITY UNCLEAR', (_name, change, field, raw) => {
    const body = genuine();
    change(body.data.image_quality);
    expect(of(body, 'QUALITY')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field, raw })]);
  });

  it('image_quality absent, null or not an object is QUALITY UNCLEAR (the adapter always asks for it)', () => {
    for (const value of [undefined, null, [], 'good']) {
      const body = genuine();
      body.data.image_quality = value;
      expect(of(body, 'QUALITY')).toEqual([expect.objectContaining({ verdict: 'UNCLEAR', field: 'data.image_quality' })]);
    }
  });

  it('answers that are not OK carry no verdict', () => {
    expect(toOutcome(403, fixture('insufficient-quota-403.json')).verdicts).toEqual([]);
    expect(verdicts({ ...genuine(), error_code: 'FAIL_ON_3' })).toEqual([]);
  });
});
