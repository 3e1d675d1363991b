import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { DEFAULT_POLICY, withThreshold } from '../support/rules-dir';

const EVALUATE = /* GraphQL */ `
  mutation Evaluate($policy: JSON!, $facts: JSON!) {
    evaluatePolicy(policy: $policy, facts: $facts) {
      outcome
      reasons {
        code
        rule
        outcome
      }
      policyVersion
      explanation {
        rule
        fired
        conditions {
          actual
          expected
          passed
        }
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

const candidate = () => JSON.parse(withThreshold('$.similarity', 70, 75));

describe('evaluatePolicy: a dry run with a candidate policy', () => {
  let gateway: TestGateway;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['identities', 'decisions', 'policies']) {
      const { rows } = await gateway.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      out[table] = Number(rows[0]!.n);
    }
    return out;
  };

  beforeAll(async () => {
    gateway = await startTestGateway({
      API_KEYS: JSON.stringify([{ name: 'partner', key: 'partner-key-0123456789abcdef', scopes: ['identity:verify', 'identity:read'] }]),
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('decides with the candidate, explains and gives counterfactuals, and stores nothing', async () => {
    const before = await counts();
    const r = await gateway.gql(EVALUATE, { policy: candidate(), facts: { face: { liveness: 99, similarity: 72 } } });
    expect(r.errors).toBeUndefined();
    const d = r.data!.evaluatePolicy;
    expect(d.outcome).toBe('REJECT');
    expect(d.reasons).toEqual([{ code: 'SIMILARITY_FAIL', rule: 'similarity-fail', outcome: 'REJECT' }]);
    expect(d.policyVersion).not.toBe((await gateway.gql('{ policy { version } }')).data!.policy.version);
    expect(d.explanation.find((t: { rule: string }) => t.rule === 'similarity-fail')).toEqual({
      rule: 'similarity-fail',
      fired: true,
      conditions: [{ actual: 72, expected: 75, passed: true }],
    });
    expect(d.counterfactuals).toEqual([{ fact: 'face', path: '$.similarity', from: 72, to: 75, outcome: 'APPROVE' }]);
    expect(await counts()).toEqual(before);
  });

  it('a policy the validator refuses: BAD_USER_INPUT listing every problem, nothing stored', async () => {
    const before = await counts();
    const bad = JSON.parse(DEFAULT_POLICY);
    bad.rules[0].priority = 'high';
    bad.rules[1].conditions.all[0].fact = 'fase';
    bad.rules[2].conditions.all[0].operator = 'containsAll';
    bad.rules[3].event.type = 'DENY';
    bad.rules[4].name = bad.rules[5].name;
    bad.rules[6].conditions.all[0].path = '$.mn';
    const r = await gateway.gql(EVALUATE, { policy: bad, facts: {} });
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const error = r.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policy' });
    expect(error.extensions!.problems).toEqual([
      { path: 'rules[0].priority', rule: 'liveness-attack', message: 'priority "high" must be a positive integer (higher runs first)' },
      { path: 'rules[1].conditions.all[0].fact', rule: 'similarity-fail', message: 'unknown fact "fase": did you mean "face"?' },
      { path: 'rules[2].conditions.all[0].operator', rule: 'document-forged', message: 'unknown operator "containsAll": did you mean "containsAny"?' },
      { path: 'rules[3].event.type', rule: 'document-expired', message: 'event type "DENY" is not an outcome (APPROVE, REVIEW, REJECT)' },
      { path: 'rules[5].name', rule: 'image-quality', message: 'duplicate rule name "image-quality": names must be unique' },
      { path: 'rules[6].conditions.all[0].path', rule: 'low-landmark-score', message: 'unknown path landmarks.mn: did you mean landmarks.min?' },
    ]);
    expect(error.message).toMatch(/^policy: 6 problems: rules\[0\]\.priority {2}rule "liveness-attack" {2}priority "high"/);
    expect(await counts()).toEqual(before);

    const notAPolicy = await gateway.gql(EVALUATE, { policy: [1, 2], facts: {} });
    expect(notAPolicy.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policy' });
  });

  /** A one-rule policy whose similarity condition sits inside `levels - 1` nested `all` groups. */
  const nested = (levels: number) => {
    let conditions: unknown = { fact: 'face', path: '$.similarity', operator: 'lessThan', value: 70 };
    for (let i = 1; i < levels; i += 1) conditions = { all: [conditions] };
    const event = { type: 'REJECT', params: { code: 'SIMILARITY_FAIL', message: 'Face similarity below 70' } };
    return { name: 'nested', defaultOutcome: 'APPROVE', rules: [{ name: 'deep', conditions, event }] };
  };

  it('conditions nested 64 levels deep decide; deeper (2,000 levels) is BAD_USER_INPUT naming the limit, nothing stored', async () => {
    const deepest = await gateway.gql(EVALUATE, { policy: nested(64), facts: { face: { liveness: 99, similarity: 50 } } });
    expect(deepest.errors).toBeUndefined();
    expect(deepest.data!.evaluatePolicy.outcome).toBe('REJECT');

    const before = await counts();
    const refused = async (policy: unknown) => {
      const r = await gateway.gql(EVALUATE, { policy, facts: {} });
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policy' });
      return r.errors![0]!.extensions!.problems as Array<{ path: string; rule: string | null; message: string }>;
    };
    expect(await refused(nested(65))).toEqual([
      { path: `rules[0].conditions${'.all[0]'.repeat(64)}`, rule: 'deep', message: 'conditions nest more than 64 levels deep (the limit is 64): flatten the groups' },
    ]);
    // Past any JSON file's nesting (256 levels) the whole document is refused before it is read further.
    expect(await refused(nested(2_000))).toEqual([{ path: `rules[0].conditions${'.all[0]'.repeat(127)}`, rule: null, message: 'nested more than 256 levels deep' }]);
    // Not only groups: a condition's params nested 3,000 deep too (compiling it would overflow the stack).
    let params: unknown = { x: 1 };
    for (let i = 0; i < 3_000; i += 1) params = { p: params };
    const deepParams = nested(1);
    (deepParams.rules[0]!.conditions as Record<string, unknown>).params = params;
    expect(await refused(deepParams)).toEqual([{ path: `rules[0].conditions.params${'.p'.repeat(253)}`, rule: null, message: 'nested more than 256 levels deep' }]);
    expect(await counts()).toEqual(before);
  });

  it('a pattern that could backtrack for seconds: BAD_USER_INPUT at once, and other requests are not held up', async () => {
    const before = await counts();
    const policy = {
      name: 'slow',
      defaultOutcome: 'APPROVE',
      rules: [
        { name: 'r', conditions: { all: [{ fact: 'country', operator: 'matchesPattern', value: '^(a+)+$' }] }, event: { type: 'REVIEW', params: { code: 'X', message: 'x' } } },
      ],
    };
    const started = Date.now();
    // 25 a's: the unchecked pattern took a fraction of a second and decided; each more a doubles it.
    const [r, other] = await Promise.all([gateway.gql(EVALUATE, { policy, facts: { country: `${'a'.repeat(25)}!` } }), gateway.gql('{ policy { version } }')]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(other.errors).toBeUndefined();
    expect(r.data).toBeNull();
    expect(r.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'policy',
      problems: [
        {
          path: 'rules[0].conditions.all[0].value',
          rule: 'r',
          message:
            'matchesPattern: the pattern could run too long: it repeats "(a+)+", which itself has a choice (a quantifier or ' +
            '|): that can take exponential time; repeat a single character or class instead ("(a+)+" is "a+", "(a|b)+" is ' +
            '"[ab]+")',
        },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('facts of the wrong type or name: BAD_USER_INPUT naming each', async () => {
    const r = await gateway.gql(EVALUATE, { policy: candidate(), facts: { face: { liveness: 'high' }, fase: {} } });
    expect(r.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'facts',
      problems: [
        { path: 'fase', rule: null, message: 'unknown fact: did you mean face?' },
        { path: 'face.liveness', rule: null, message: 'must be a number or null' },
      ],
    });
  });

  it('needs the policy:admin scope', async () => {
    const r = await gateway.gql(EVALUATE, { policy: candidate(), facts: {} }, { key: 'partner-key-0123456789abcdef' });
    expect(r.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const q = await gateway.gql('{ policy { version } }', {}, { key: 'partner-key-0123456789abcdef' });
    expect(q.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
