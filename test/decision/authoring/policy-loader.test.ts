import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/decision/authoring/policy-loader';

describe('policy loading', () => {
  it('version is a content hash: key order does not change it, a threshold does', () => {
    const a = parsePolicy({ name: 'p', defaultOutcome: 'APPROVE', rules: [] });
    const b = parsePolicy({ rules: [], defaultOutcome: 'APPROVE', name: 'p' });
    const c = parsePolicy({ name: 'p', defaultOutcome: 'REVIEW', rules: [] });
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
  });

  it('refuses what json-rules-engine would misread: unknown operator, non-integer priority, duplicate names', () => {
    const rule = (over: Record<string, unknown>) => ({
      name: 'r',
      conditions: { all: [{ fact: 'face', path: '$.liveness', operator: 'lessThan', value: 50 }] },
      event: { type: 'REJECT', params: { code: 'X', message: 'x' } },
      ...over,
    });
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'APPROVE', rules: [rule({ priority: 'high' })] })).toThrow(/priority/);
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'APPROVE', rules: [rule({ conditions: { all: [{ fact: 'face', operator: 'lessThen', value: 1 }] } })] })).toThrow(
      /unknown operator "lessThen"/,
    );
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'APPROVE', rules: [rule({}), rule({})] })).toThrow(/duplicate rule name/);
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'MAYBE', rules: [] })).toThrow(/defaultOutcome/);
  });
});
