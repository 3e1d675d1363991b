import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicy } from '../../../src/decision/authoring/policy-loader';
import { explainDecision } from '../../../src/decision/explanation/trace';
import { cleanFacts } from '../../support/facts';

const policy = loadPolicyFile(join(__dirname, '../../../rules/policy.json'));
const vendors = (over: object) => ({ failed: [], timedOut: [], pending: [], skipped: [], notRequested: [], codes: {}, unclear: [], checksFailed: [], ...over });

describe('explanation', () => {
  it('traces every rule with the fact values it read, and the gateway guards after them', () => {
    const { outcome, traces } = explainDecision(policy, cleanFacts({ face: { liveness: 99, similarity: 64 } }));
    expect(outcome).toBe('REJECT');
    expect(traces.map((t) => t.rule)).toEqual([
      ...policy.rules.map((r) => r.name),
      'gateway:vendor-pending',
      'gateway:vendor-unavailable',
      'gateway:vendor-answer-unclear',
      'gateway:vendor-check-failed',
    ]);
    expect(traces.find((t) => t.rule === 'similarity-fail')).toEqual({
      rule: 'similarity-fail',
      fired: true,
      outcome: 'REJECT',
      conditions: [{ fact: 'face', path: '$.similarity', operator: 'lessThan', expected: 70, actual: 64, passed: true }],
    });
    expect(traces.find((t) => t.rule === 'liveness-attack')).toMatchObject({ fired: false, outcome: null, conditions: [{ actual: 99, passed: false }] });
    expect(traces.filter((t) => t.fired).map((t) => t.rule)).toEqual(['similarity-fail']);
  });

  it('evaluates every condition of an `all`, flattened in order (the engine stops at the first that fails)', () => {
    const nested = parsePolicy({
      name: 'nested',
      defaultOutcome: 'APPROVE',
      rules: [
        {
          name: 'weak-and-blurry',
          conditions: {
            all: [
              { fact: 'face', path: '$.similarity', operator: 'lessThan', value: 75 },
              { any: [{ fact: 'quality', path: '$.failed', operator: 'contains', value: 'BLUR' }, { not: { fact: 'mrz', path: '$.valid', operator: 'equal', value: true } }] },
            ],
          },
          event: { type: 'REVIEW', params: { code: 'WEAK', message: 'weak' } },
        },
      ],
    });
    const [trace] = explainDecision(nested, cleanFacts({ face: { liveness: 99, similarity: 90 } })).traces;
    expect(trace!.fired).toBe(false);
    expect(trace!.conditions.map((c) => [c.fact, c.operator, c.passed])).toEqual([
      ['face', 'lessThan', false],
      ['quality', 'contains', false],
      ['mrz', 'equal', true],
    ]);
  });

  it('shows why the gateway lowered an APPROVE: a vendor that failed', () => {
    const { outcome, traces } = explainDecision(policy, cleanFacts({ vendors: vendors({ failed: ['HUAWEI_OCR'] }) }));
    expect(outcome).toBe('REVIEW');
    expect(traces.find((t) => t.rule === 'gateway:vendor-unavailable')).toEqual({
      rule: 'gateway:vendor-unavailable',
      fired: true,
      outcome: 'REVIEW',
      conditions: [{ fact: 'vendors', path: '$.failed', operator: 'notEmpty', expected: true, actual: ['HUAWEI_OCR'], passed: true }],
    });
  });

  it('shows why the gateway lowered an APPROVE: an answer it did not understand, a check that failed', () => {
    const unclear = explainDecision(policy, cleanFacts({ vendors: vendors({ unclear: ['VERIHUBS'] }) }));
    expect(unclear.outcome).toBe('REVIEW');
    expect(unclear.reasons.map((r) => [r.code, r.rule])).toEqual([['VENDOR_ANSWER_UNCLEAR', 'gateway']]);
    expect(unclear.traces.find((t) => t.rule === 'gateway:vendor-answer-unclear')).toMatchObject({
      fired: true,
      conditions: [{ fact: 'vendors', path: '$.unclear', actual: ['VERIHUBS'], passed: true }],
    });
    const failed = explainDecision(policy, cleanFacts({ vendors: vendors({ checksFailed: ['COMPUTERVISION_VN'], unclear: ['VERIHUBS'] }) }));
    expect(failed.reasons.map((r) => r.code)).toEqual(['VENDOR_ANSWER_UNCLEAR', 'VENDOR_CHECK_FAILED']);
    expect(failed.traces.find((t) => t.rule === 'gateway:vendor-check-failed')).toMatchObject({ fired: true, outcome: 'REVIEW' });
  });
});
