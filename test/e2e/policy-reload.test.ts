import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput, waitFor } from '../support/e2e';
import { PolicyError } from '../../src/decision/authoring/policy-loader';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { DEFAULT_POLICY, tempRulesDir, withThreshold } from '../support/rules-dir';

const POLICY = /* GraphQL */ `
  query {
    policy {
      version
      name
      loadedAt
      lastError
    }
  }
`;
const VERIFY = /* GraphQL */ `
  mutation Verify($input: VerifyIdentityInput!) {
    verifyIdentity(input: $input) {
      id
      decision {
        outcome
        reasons {
          code
        }
        policyVersion
      }
    }
  }
`;

/** The default policy sends a landmark below 70 to review; this one only below 20. */
const LENIENT = withThreshold('$.min', 70, 20);

describe('policy live reload, end to end', () => {
  let gateway: TestGateway;
  let rules: ReturnType<typeof tempRulesDir>;
  let n = 0;
  const verify = async () => {
    const r = await gateway.gql(VERIFY, { input: khInput(`reload-${n++}`, { back: 'low-landmarks' }) });
    expect(r.errors).toBeUndefined();
    return r.data!.verifyIdentity.decision as { outcome: string; reasons: Array<{ code: string }>; policyVersion: string };
  };
  const policy = async () => (await gateway.gql(POLICY)).data!.policy as { version: string; name: string; loadedAt: string; lastError: string | null };
  const reloadedTo = (test: (p: Awaited<ReturnType<typeof policy>>) => boolean) =>
    waitFor(
      async () => {
        const p = await policy();
        return test(p) ? p : undefined;
      },
      { what: 'the policy reload', timeoutMs: 10_000 },
    );

  beforeAll(async () => {
    rules = tempRulesDir();
    gateway = await startTestGateway({ RULES_DIR: rules.dir });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('a valid change: the new version shows in policy { version } and decides the next verification', async () => {
    const first = await policy();
    expect(first).toMatchObject({ name: 'default', lastError: null });
    const before = await verify();
    expect(before).toEqual({ outcome: 'REVIEW', reasons: [{ code: 'LOW_LANDMARK_SCORE' }], policyVersion: first.version });

    rules.writePolicy(LENIENT);
    const second = await reloadedTo((p) => p.version !== first.version);
    expect(second.lastError).toBeNull();
    expect(new Date(second.loadedAt).getTime()).toBeGreaterThan(new Date(first.loadedAt).getTime());
    expect(await verify()).toEqual({ outcome: 'APPROVE', reasons: [], policyVersion: second.version });
  });

  it('an invalid change: the running version stays, lastError names the problem at its line and column', async () => {
    const running = await policy();
    rules.writePolicy(LENIENT.replace('"operator": "lessThan", "value": 20', '"operator": "lessThen", "value": 20'));
    const refused = await reloadedTo((p) => p.lastError !== null);
    expect(refused.version).toBe(running.version);
    expect(refused.lastError).toMatch(/policy\.json:\d+:\d+ {2}rule "low-landmark-score" {2}unknown operator "lessThen": did you mean "lessThan"\?$/);
    expect(await verify()).toEqual({ outcome: 'APPROVE', reasons: [], policyVersion: running.version });

    rules.writePolicy('{ "name": "half a file", ');
    await sleep(400);
    expect((await policy()).version).toBe(running.version);
    expect((await policy()).lastError).toMatch(/not JSON: expected a property name/);
  });

  it('verifications running during reloads each see one whole policy, and none is dropped', async () => {
    rules.writePolicy(DEFAULT_POLICY);
    const strict = await reloadedTo((p) => p.lastError === null && p.name === 'default');
    rules.writePolicy(LENIENT);
    const lenient = await reloadedTo((p) => p.version !== strict.version && p.lastError === null);

    const running: Array<ReturnType<typeof verify>> = [];
    let expecting = lenient.version;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 6; i++) running.push(verify());
      rules.writePolicy(expecting === lenient.version ? DEFAULT_POLICY : LENIENT);
      expecting = expecting === lenient.version ? strict.version : lenient.version;
      const target = expecting;
      await reloadedTo((p) => p.version === target);
    }
    for (let i = 0; i < 6; i++) running.push(verify());
    const decisions = await Promise.all(running);

    expect(decisions).toHaveLength(42);
    for (const d of decisions) {
      if (d.policyVersion === strict.version) expect(d).toMatchObject({ outcome: 'REVIEW', reasons: [{ code: 'LOW_LANDMARK_SCORE' }] });
      else expect(d).toEqual({ outcome: 'APPROVE', reasons: [], policyVersion: lenient.version });
    }
    expect(new Set(decisions.map((d) => d.policyVersion))).toEqual(new Set([strict.version, lenient.version]));
  });
});

describe('policy at start-up', () => {
  it('an invalid policy stops the start with every problem at its line and column', async () => {
    const rules = tempRulesDir();
    rules.writePolicy(DEFAULT_POLICY.replace('"priority": 100,', '"priority": "high",').replace('"path": "$.liveness"', '"path": "$.livness"'));
    const started = startTestGateway({ RULES_DIR: rules.dir });
    await expect(started).rejects.toBeInstanceOf(PolicyError);
    await expect(started).rejects.toMatchObject({
      problems: [
        `${rules.dir}/policy.json:8:19  rule "liveness-attack"  priority "high" must be a positive integer (higher runs first)`,
        `${rules.dir}/policy.json:9:57  rule "liveness-attack"  unknown path face.livness: did you mean face.liveness?`,
      ],
    });
  });
});
