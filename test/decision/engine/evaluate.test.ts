import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/decision/engine/evaluate';
import type { Decision } from '../../../src/decision/engine/decision';
import type { Facts } from '../../../src/decision/engine/facts';
import { loadPolicyFile, parsePolicy } from '../../../src/decision/authoring/policy-loader';
import { explainDecision } from '../../../src/decision/explanation/trace';
import { cleanFacts, mixedFacts } from '../../support/facts';

const policy = loadPolicyFile(join(__dirname, '../../../rules/policy.json'));
const decide = (facts: Facts) => evaluatePolicy(policy, facts);
const codes = async (facts: Facts) => (await decide(facts)).reasons.map((r) => r.code);

describe('default policy', () => {
  it('approves a clean case with no reasons', async () => {
    const d = await decide(cleanFacts());
    expect(d.outcome).toBe('APPROVE');
    expect(d.reasons).toEqual([]);
    expect(d.policyVersion).toBe(policy.version);
  });

  it('encodes the vendors’ documented thresholds', async () => {
    expect((await decide(cleanFacts({ face: { liveness: 49.9, similarity: 90 } }))).outcome).toBe('REJECT');
    expect((await decide(cleanFacts({ face: { liveness: 50, similarity: 90 } }))).outcome).toBe('APPROVE');
    expect(await codes(cleanFacts({ face: { liveness: 90, similarity: 69 } }))).toEqual(['SIMILARITY_FAIL']);
    expect((await decide(cleanFacts({ face: { liveness: 90, similarity: 70 } }))).outcome).toBe('APPROVE');
  });

  it('rejects forged, photocopied and screen-captured documents, and expired ones', async () => {
    for (const kind of ['FORGED', 'PHOTOCOPY', 'SCREEN_CAPTURE'] as const) {
      const d = await decide(cleanFacts({ forgery: { detected: true, kinds: [kind] } }));
      expect(d.outcome).toBe('REJECT');
      expect(d.reasons[0]).toMatchObject({ code: 'DOCUMENT_FORGED', rule: 'document-forged', outcome: 'REJECT' });
    }
    const expired = await decide(cleanFacts({ document: { expired: true, ageYears: 40, daysToExpiry: -3 } }));
    expect(expired.reasons.map((r) => r.code)).toEqual(['DOCUMENT_EXPIRED']);
  });

  it('sends quality, landmark, OCR confidence and MRZ problems to review', async () => {
    expect(await codes(cleanFacts({ quality: { failed: ['BLUR'] } }))).toEqual(['IMAGE_QUALITY']);
    expect(await codes(cleanFacts({ landmarks: { min: 42, count: 7, scores: {} } }))).toEqual(['LOW_LANDMARK_SCORE']);
    expect(await codes(cleanFacts({ ocr: { minConfidence: 0.41, confidence: {}, missing: [], readBy: [] } }))).toEqual(['LOW_OCR_CONFIDENCE']);
    expect(await codes(cleanFacts({ mrz: { present: true, valid: false, readable: true } }))).toEqual(['MRZ_INVALID']);
    expect(await codes(cleanFacts({ mrz: { present: true, valid: null, readable: false } }))).toEqual(['MRZ_UNREADABLE']);
    expect((await decide(cleanFacts({ quality: { failed: ['DARK'] } }))).outcome).toBe('REVIEW');
  });

  it('treats values no vendor gave (null) as not matching, never as an error', async () => {
    const d = await decide(
      cleanFacts({
        face: { liveness: null, similarity: null },
        landmarks: { min: null, count: 0, scores: {} },
        ocr: { minConfidence: null, confidence: {}, missing: ['idNumber'], readBy: [] },
        document: { expired: null, ageYears: null, daysToExpiry: null },
        mrz: { present: false, valid: null, readable: null },
      }),
    );
    expect(d.outcome).toBe('APPROVE');
  });

  it('REJECT beats REVIEW, and all fired reasons are kept, most severe first', async () => {
    const d = await decide(cleanFacts({ quality: { failed: ['BLUR'] }, face: { liveness: 10, similarity: 90 } }));
    expect(d.outcome).toBe('REJECT');
    expect(d.reasons.map((r) => [r.code, r.outcome])).toEqual([
      ['LIVENESS_ATTACK', 'REJECT'],
      ['IMAGE_QUALITY', 'REVIEW'],
    ]);
  });

  it('a pending vendor makes the case PENDING unless something rejects', async () => {
    const vendors = { failed: [], timedOut: [], pending: ['ADVANCE_AI' as const], skipped: [], notRequested: [], codes: {}, unclear: [], checksFailed: [] };
    expect((await decide(cleanFacts({ vendors }))).outcome).toBe('PENDING');
    expect((await decide(cleanFacts({ vendors, quality: { failed: ['BLUR'] } }))).outcome).toBe('PENDING');
    expect((await decide(cleanFacts({ vendors, forgery: { detected: true, kinds: ['FORGED'] } }))).outcome).toBe('REJECT');
  });

  it('a failed or timed-out vendor can never give APPROVE', async () => {
    const d = await decide(
      cleanFacts({
        vendors: { failed: ['HUAWEI_OCR'], timedOut: [], pending: [], skipped: [], notRequested: [], codes: { HUAWEI_OCR: 'AIS.0103' }, unclear: [], checksFailed: [] },
      }),
    );
    expect(d.outcome).toBe('REVIEW');
    expect(d.reasons[0]).toMatchObject({ code: 'VENDOR_UNAVAILABLE', rule: 'gateway', outcome: 'REVIEW' });
    const approveAll = parsePolicy({ name: 'lenient', defaultOutcome: 'APPROVE', rules: [] });
    const lenient = await evaluatePolicy(
      approveAll,
      cleanFacts({ vendors: { failed: ['VERIHUBS'], timedOut: ['VERIHUBS'], pending: [], skipped: [], notRequested: [], codes: {}, unclear: [], checksFailed: [] } }),
    );
    expect(lenient.outcome).toBe('REVIEW');
  });

  it('keeps the exact facts it decided on', async () => {
    const facts = cleanFacts({ quality: { failed: ['BLUR'] } });
    const d = await decide(facts);
    expect(d.facts).toEqual(facts);
  });
});

describe('a null fact never fires a rule, through json-rules-engine decorators too', () => {
  const rule = (name: string, operator: string, value: number) => ({
    name,
    conditions: { all: [{ fact: 'face', path: '$.similarity', operator, value }] },
    event: { type: 'REJECT', params: { code: name.toUpperCase(), message: name } },
  });
  const policy = parsePolicy(
    { name: 'decorated', defaultOutcome: 'APPROVE', rules: [rule('swapped', 'swap:greaterThan', 70), rule('negated', 'not:greaterThanInclusive', 70)] },
    'decorated',
  );
  const similarity = (value: number | null) => cleanFacts({ face: { liveness: 99, similarity: value } });

  it.each([
    [null, []],
    [60, ['NEGATED', 'SWAPPED']],
    [80, []],
  ])('similarity %s: fired %j, in the decision and in its explanation alike', async (value, fired) => {
    const decision = await evaluatePolicy(policy, similarity(value), new Date('2026-01-01T00:00:00Z'));
    expect(decision.reasons.map((r) => r.code).sort()).toEqual(fired);
    const traced = explainDecision(policy, similarity(value));
    expect(
      traced.traces
        .filter((t) => t.fired)
        .map((t) => t.rule.toUpperCase())
        .sort(),
    ).toEqual(fired);
  });
});

describe('decisions under concurrency', () => {
  it('500 overlapping evaluations give exactly the sequential answers', async () => {
    const cases = mixedFacts(500);
    const sequential: Array<Pick<Decision, 'outcome' | 'reasons'>> = [];
    for (const facts of cases) {
      const d = await evaluatePolicy(policy, facts);
      sequential.push({ outcome: d.outcome, reasons: d.reasons });
    }
    expect(new Set(sequential.map((d) => d.outcome))).toEqual(new Set(['APPROVE', 'REVIEW', 'REJECT', 'PENDING']));

    const concurrent = await Promise.all(cases.map((facts) => evaluatePolicy(policy, facts)));
    concurrent.forEach((d, i) => {
      expect({ outcome: d.outcome, reasons: d.reasons }).toEqual(sequential[i]);
    });
  });
});
