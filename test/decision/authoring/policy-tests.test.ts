import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../../src/decision/authoring/policy-loader';
import { runPolicyTestFile } from '../../../src/decision/authoring/policy-tests';

const rules = resolve(__dirname, '../../../rules');
const files = readdirSync(join(rules, 'tests'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(rules, 'tests', f));

describe('policy tests (rules/tests/*.json)', () => {
  it.each(files)('%s: every case passes', async (file) => {
    const result = await runPolicyTestFile(file);
    expect(result.error).toBeNull();
    expect(result.cases.length).toBeGreaterThan(0);
    expect(result.cases.filter((c) => !c.passed)).toEqual([]);
  });

  it('the default policy ships with cases covering every rule', async () => {
    const result = await runPolicyTestFile(join(rules, 'tests', 'default-policy.json'));
    expect(result.policyFile).toBe(join(rules, 'policy.json'));
    expect(result.policy!.rules).toHaveLength(loadPolicyFile(join(rules, 'policy.json')).rules.length);
    expect(result.uncovered).toEqual([]);
  });

  it('a wrong expectation fails with what the policy gave instead, and uncovered rules are named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-tests-'));
    const file = join(dir, 'wrong.json');
    writeFileSync(
      file,
      JSON.stringify({
        policy: join(rules, 'policy.json'),
        cases: [
          { name: 'similarity 64 approves?', facts: { face: { liveness: 99, similarity: 64 } }, expect: { outcome: 'APPROVE', reasons: [] } },
          { name: 'liveness typo', facts: { face: { livness: 10 } }, expect: { outcome: 'REJECT' } },
        ],
      }),
    );
    const result = await runPolicyTestFile(file);
    expect(result.cases[0]).toMatchObject({ passed: false, actual: { outcome: 'REJECT', reasons: ['SIMILARITY_FAIL'] } });
    expect(result.cases[1]).toMatchObject({ passed: false, actual: null, problem: 'bad facts: face.livness unknown field: did you mean liveness?' });
    expect(result.uncovered).toContain('liveness-attack');
    expect(result.uncovered).not.toContain('similarity-fail');
  });
});
