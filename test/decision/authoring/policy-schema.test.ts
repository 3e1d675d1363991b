import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../../../src/decision/authoring/policy-schema';

const rules = join(__dirname, '../../../rules');
const read = (file: string) => JSON.parse(readFileSync(join(rules, file), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(read('policy.schema.json'));

const base = () => read('policy.json');
const firstCondition = (p: any) => p.rules[0].conditions.all[0];

describe('policy JSON Schema', () => {
  it('rules/policy.schema.json is the schema built from the fact catalogue and operators (npm run rules:schema)', () => {
    expect(read('policy.schema.json')).toEqual(JSON.parse(JSON.stringify(policySchema())));
  });

  it('rules/policy.json refers to it, so an editor completes and checks the policy', () => {
    expect(base().$schema).toBe('./policy.schema.json');
  });

  it('accepts the default policy and the example policy', () => {
    expect(validate(base())).toBe(true);
    expect(validate(read('examples/consistency-checks.json'))).toBe(true);
  });

  it.each<[string, (p: any) => void]>([
    ['an unknown fact', (p) => (firstCondition(p).fact = 'fase')],
    ['an unknown path of a known fact', (p) => (firstCondition(p).path = '$.livness')],
    ['an unknown operator', (p) => (firstCondition(p).operator = 'lessThen')],
    ['an event type that is not an outcome', (p) => (p.rules[0].event.type = 'DENY')],
    ['a priority that is not a positive integer', (p) => (p.rules[0].priority = 'high')],
    ['a zero priority', (p) => (p.rules[0].priority = 0)],
    ['a rule without a name', (p) => delete p.rules[0].name],
    ['a misspelt property', (p) => (p.rules[0].priorty = 3)],
    ['a number operator with a list value', (p) => (firstCondition(p).value = [50])],
    ['a lower-case reason code', (p) => (p.rules[0].event.params.code = 'liveness')],
  ])('refuses %s', (_kind, mutate) => {
    const policy = base();
    mutate(policy);
    expect(validate(policy)).toBe(false);
  });

  it('lets the editor complete open keys where the facts have them (landmark codes), and closed ones only from their set', () => {
    const policy = base();
    firstCondition(policy).fact = 'landmarks';
    firstCondition(policy).path = '$.scores.l-kh-id-back-logo1';
    expect(validate(policy)).toBe(true);
    firstCondition(policy).fact = 'vendors';
    firstCondition(policy).path = '$.codes.NOT_A_VENDOR';
    expect(validate(policy)).toBe(false);
  });
});
