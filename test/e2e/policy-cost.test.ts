import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from '../support/gateway';

/**
 * Policies an admin could send to the dry run that used to hold the gateway's one event loop for
 * seconds (every tenant's requests waiting): each is refused by the validator or answered while
 * /healthz still answers at once.
 */
const EVALUATE = /* GraphQL */ `
  mutation Evaluate($policy: JSON!, $facts: JSON!) {
    evaluatePolicy(policy: $policy, facts: $facts) {
      outcome
      explanation {
        rule
        fired
      }
      counterfactuals {
        fact
        path
        from
        to
        outcome
      }
    }
  }
`;

const event = { type: 'REJECT', params: { code: 'X', message: 'x' } };
const rule = (i: number, condition: unknown) => ({ name: `r${i}`, conditions: { all: [condition] }, event });
const policyOf = (rules: unknown[]) => ({ name: 'hostile', defaultOutcome: 'APPROVE', rules });
const countries = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);
/** 1,000,000 ways each: the most one pattern may have. */
const heavyPattern = (i: number) => ({ fact: 'country', operator: 'matchesPattern', value: `^a{0,99}a{0,99}a{0,99}!${i}` });

/** Generous: the requests below took 2 to 8 seconds of event loop before these limits. */
const PROMPT_MS = 1_500;

describe('costly policies in the dry run', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  /** Sends the dry run and, while it runs, /healthz; returns the answer and how long /healthz took. */
  const whileHealthz = async (policy: unknown, facts: unknown) => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const dryRun = gateway.gql(EVALUATE, { policy, facts });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    const health = await request(`${gateway.url}/healthz`);
    await health.body.text();
    const healthzMs = performance.now() - started;
    const answer = await dryRun;
    delay.disable();
    return { answer, healthzMs, healthStatus: health.statusCode, longestStallMs: delay.max / 1e6 };
  };

  it('an `in` list of 10,000 entries (8 s of counterfactuals before): BAD_USER_INPUT naming the limit, /healthz answered meanwhile', async () => {
    const policy = policyOf([rule(0, { fact: 'country', operator: 'notIn', value: countries(10_000) })]);
    const { answer, healthzMs, healthStatus } = await whileHealthz(policy, { country: 'ZZ' });
    expect(answer.data).toBeNull();
    expect(answer.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'policy',
      problems: [{ path: 'rules[0].conditions.all[0].value', rule: 'r0', message: 'a value list has at most 256 entries; this one has 10,000' }],
    });
    expect(healthStatus).toBe(200);
    expect(healthzMs).toBeLessThan(PROMPT_MS);
  });

  it('100 rules with 256-entry lists (just within the limits): decided, explained, counterfactuals bounded and right', async () => {
    const list = countries(256);
    const policy = policyOf(Array.from({ length: 100 }, (_, i) => rule(i, { fact: 'country', operator: 'notIn', value: list })));
    const { answer, healthzMs, longestStallMs } = await whileHealthz(policy, { country: 'ZZ' });
    expect(answer.errors).toBeUndefined();
    const decided = answer.data!.evaluatePolicy;
    expect(decided.outcome).toBe('REJECT');
    expect(decided.explanation.filter((t: { fired: boolean }) => t.fired)).toHaveLength(100);
    // Any listed country would APPROVE; the first is as near as any.
    expect(decided.counterfactuals).toEqual([{ fact: 'country', path: null, from: 'ZZ', to: 'C0', outcome: 'APPROVE' }]);
    expect(healthzMs).toBeLessThan(PROMPT_MS);
    expect(longestStallMs).toBeLessThan(PROMPT_MS);
  });

  it('100 rules of a 1,000,000-way pattern on a 99-character fact (1.8 s a decision before): refused; 4 of them are decided promptly', async () => {
    const facts = { country: 'a'.repeat(99) };
    const refused = await whileHealthz(policyOf(Array.from({ length: 100 }, (_, i) => rule(i, heavyPattern(i)))), facts);
    expect(refused.answer.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          path: 'rules',
          rule: null,
          message:
            "the policy's matchesPattern conditions together have too many ways to match (over 4,000,000, a pattern from a " +
            'fact counting 1,000,000); use fewer, anchored or bounded patterns',
        },
      ],
    });
    expect(refused.healthzMs).toBeLessThan(PROMPT_MS);

    const rules = [...[0, 1, 2, 3].map((i) => rule(i, heavyPattern(i))), rule(4, { fact: 'country', operator: 'notEqual', value: 'KH' })];
    const decided = await whileHealthz(policyOf(rules), facts);
    expect(decided.answer.errors).toBeUndefined();
    expect(decided.answer.data!.evaluatePolicy.outcome).toBe('REJECT');
    expect(decided.answer.data!.evaluatePolicy.counterfactuals).toEqual([{ fact: 'country', path: null, from: 'a'.repeat(99), to: 'KH', outcome: 'APPROVE' }]);
    expect(decided.healthzMs).toBeLessThan(PROMPT_MS);
  });

  it('an unknown key of 8 MB (echoed whole before): a short error body; one of 100,000 characters is quoted clipped', async () => {
    const post = async (policy: unknown) => {
      const res = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({ query: EVALUATE, variables: { policy, facts: {} } }),
      });
      return res.body.text();
    };
    const huge = await post({ ...policyOf([]), ['k'.repeat(8 * 1024 * 1024)]: 1 });
    expect(huge.length).toBeLessThan(1_000);
    expect(JSON.parse(huge).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '', rule: null, message: 'a policy is at most 256 KiB as compact JSON; this one is over 1,024 KiB' }],
    });

    // Facts too: an unknown fact of 8 MB is refused by size, one of 1,000 characters quoted clipped.
    const factsOf = async (facts: unknown) => {
      const res = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({ query: EVALUATE, variables: { policy: policyOf([]), facts } }),
      });
      return res.body.text();
    };
    const hugeFact = await factsOf({ ['f'.repeat(8 * 1024 * 1024)]: 1 });
    expect(hugeFact.length).toBeLessThan(1_000);
    expect(JSON.parse(hugeFact).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'facts',
      problems: [{ path: '', rule: null, message: 'facts are at most 64 KiB as compact JSON, nested at most 256 levels' }],
    });
    const longFact = JSON.parse(await factsOf({ ['f'.repeat(1_000)]: 1 }));
    expect(longFact.errors[0].extensions.problems).toEqual([{ path: `${'f'.repeat(64)}…`, rule: null, message: 'unknown fact' }]);

    const key = 'k'.repeat(100_000);
    const clipped = await post({ ...policyOf([]), [key]: 1 });
    expect(clipped.length).toBeLessThan(1_000);
    expect(JSON.parse(clipped).errors[0].extensions.problems).toEqual([{ path: `${'k'.repeat(64)}…`, rule: null, message: `unknown property "${'k'.repeat(63)}…` }]);
  });

  it('a policy of 10,000 unknown keys (within 256 KiB): the error lists the first 50 and counts them all', async () => {
    const policy = { ...policyOf([]), ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`x${i}`, 1])) };
    const r = await gateway.gql(EVALUATE, { policy, facts: {} });
    const error = r.errors![0]!;
    expect(error.extensions!.problems).toHaveLength(50);
    expect(error.message).toMatch(/^policy: 10,000 problems: x0 {2}unknown property "x0"; .*; and 9,950 more$/);
    expect(JSON.stringify(r).length).toBeLessThan(10_000);
  });
});
