import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput, REVIEW, waitFor } from '../support/e2e';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { tempRulesDir, withThreshold } from '../support/rules-dir';

const VERIFY = /* GraphQL */ `
  mutation Verify($input: VerifyIdentityInput!) {
    verifyIdentity(input: $input) {
      id
      decision {
        outcome
        policyVersion
      }
    }
  }
`;
const EXPLAIN = /* GraphQL */ `
  query Explain($id: ID!) {
    identity(id: $id) {
      decisions {
        outcome
        policyVersion
        explanation {
          rule
          fired
          outcome
          conditions {
            fact
            path
            operator
            expected
            actual
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
  }
`;
const POLICY = /* GraphQL */ `
  query {
    policy {
      version
      lastError
    }
  }
`;

type Trace = { rule: string; fired: boolean; outcome: string | null; conditions: Array<Record<string, unknown>> };
type Explained = { outcome: string; policyVersion: string; explanation: Trace[]; counterfactuals: unknown[] };

const SIMILARITY_TRACE = {
  rule: 'similarity-fail',
  fired: true,
  outcome: 'REJECT',
  conditions: [{ fact: 'face', path: '$.similarity', operator: 'lessThan', expected: 70, actual: 41.25, passed: true }],
};

describe('explanation and counterfactuals of stored decisions', () => {
  let gateway: TestGateway;
  let rules: ReturnType<typeof tempRulesDir>;
  const explain = async (id: string, key?: string) => gateway.gql(EXPLAIN, { id }, key ? { key } : {});
  const decisionsOf = async (id: string) => (await explain(id)).data!.identity.decisions as Explained[];

  beforeAll(async () => {
    rules = tempRulesDir();
    gateway = await startTestGateway({
      RULES_DIR: rules.dir,
      API_KEYS: JSON.stringify([{ name: 'partner', key: 'partner-key-0123456789abcdef', scopes: ['identity:verify', 'identity:read:all'] }]),
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  // The vendor's own SIMILARITY_FAIL is a failed FACE verdict: without the policy's REJECT the gateway
  // still lowers the case to REVIEW (VENDOR_CHECK_FAILED), so the nearest change gives REVIEW.
  it('a REJECT is explained rule by rule, with "similarity 41.25 → 70 would REVIEW"; still so after the policy changed', async () => {
    const verified = await gateway.gql(VERIFY, { input: khInput('explain-1', { face: 'similarity-fail' }) });
    const { id, decision } = verified.data!.verifyIdentity;
    expect(decision.outcome).toBe('REJECT');

    const [before] = await decisionsOf(id);
    expect(before!.explanation.find((t) => t.rule === 'similarity-fail')).toEqual(SIMILARITY_TRACE);
    expect(before!.explanation.filter((t) => t.fired).map((t) => t.rule)).toEqual(['similarity-fail']);
    expect(before!.counterfactuals).toEqual([{ fact: 'face', path: '$.similarity', from: 41.25, to: 70, outcome: 'REVIEW' }]);

    rules.writePolicy(withThreshold('$.similarity', 70, 40));
    await waitFor(
      async () => {
        const p = (await gateway.gql(POLICY)).data!.policy;
        return p.version !== decision.policyVersion ? p : undefined;
      },
      { what: 'the new policy' },
    );
    const again = await gateway.gql(VERIFY, { input: khInput('explain-2', { face: 'similarity-fail' }) });
    expect(again.data!.verifyIdentity.decision.outcome).toBe('REVIEW');

    const [after] = await decisionsOf(id);
    expect(after!.policyVersion).toBe(decision.policyVersion);
    expect(after!.explanation.find((t) => t.rule === 'similarity-fail')).toEqual(SIMILARITY_TRACE);
    expect(after!.counterfactuals).toEqual([{ fact: 'face', path: '$.similarity', from: 41.25, to: 70, outcome: 'REVIEW' }]);
  });

  it('a REVIEW lists the change that would APPROVE; a manual decision has no explanation', async () => {
    const verified = await gateway.gql(VERIFY, { input: khInput('explain-3', { back: 'low-landmarks' }) });
    const { id } = verified.data!.verifyIdentity;
    const [auto] = await decisionsOf(id);
    expect(auto!.outcome).toBe('REVIEW');
    expect(auto!.explanation.find((t) => t.fired)).toMatchObject({
      rule: 'low-landmark-score',
      outcome: 'REVIEW',
      conditions: [{ fact: 'landmarks', path: '$.min', expected: 70, passed: true }],
    });
    expect(auto!.counterfactuals).toEqual([{ fact: 'landmarks', path: '$.min', from: 27.5530219078064, to: 70, outcome: 'APPROVE' }]);

    await gateway.gql(REVIEW, { id, outcome: 'APPROVE', note: 'security features checked by hand' });
    const [, manual] = await decisionsOf(id);
    expect(manual).toMatchObject({ outcome: 'APPROVE', policyVersion: 'manual', explanation: [], counterfactuals: [] });
  });

  it('they reveal the policy, so a key without policy:admin is refused them (FORBIDDEN)', async () => {
    const verified = await gateway.gql(VERIFY, { input: khInput('explain-4') }, { key: 'partner-key-0123456789abcdef' });
    expect(verified.errors).toBeUndefined();
    const refused = await explain(verified.data!.verifyIdentity.id, 'partner-key-0123456789abcdef');
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  });
});

describe('explanation after a restart with another policy', () => {
  it('uses the policy on record for the version that decided', async () => {
    const rules = tempRulesDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'explain-data-'));
    const env = { RULES_DIR: rules.dir, DATABASE_URL: '', DATA_DIR: dataDir };
    const first = await startTestGateway(env);
    let id: string;
    let version: string;
    try {
      const verified = await first.gql(VERIFY, { input: khInput('restart-1', { face: 'similarity-fail' }) });
      ({ id } = verified.data!.verifyIdentity);
      version = verified.data!.verifyIdentity.decision.policyVersion;
    } finally {
      await first.close();
    }
    rules.writePolicy(withThreshold('$.similarity', 70, 40));
    const second = await startTestGateway(env);
    try {
      expect((await second.gql(POLICY)).data!.policy.version).not.toBe(version);
      const decisions = (await second.gql(EXPLAIN, { id })).data!.identity.decisions as Explained[];
      expect(decisions[0]!.policyVersion).toBe(version);
      expect(decisions[0]!.explanation.find((t) => t.rule === 'similarity-fail')).toEqual(SIMILARITY_TRACE);
    } finally {
      await second.close();
    }
  });
});
