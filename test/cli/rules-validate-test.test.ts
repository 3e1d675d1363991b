import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli';

const DEFAULT = readFileSync(join(ROOT, 'rules/policy.json'), 'utf8');
const CLI = 'src/cli/rules.ts';

function temp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rules-cli-')), name);
  writeFileSync(file, text);
  return file;
}

describe('rules validate', () => {
  it('a valid policy: exit 0 and one OK line with its version', async () => {
    const r = await runCli(CLI, ['validate']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^rules\/policy\.json {2}OK {2}policy "default", 15 rules, version [0-9a-f]{16}\n$/);
  });

  it('an invalid policy: exit 1, every problem as file:line:column  rule "name"  message, then a count', async () => {
    const bad = DEFAULT.replace('"priority": 100,', '"priority": "high",')
      .replace('"path": "$.liveness"', '"path": "$.livness"')
      .replace('"type": "REJECT", "params": { "code": "SIMILARITY_FAIL"', '"type": "DENY", "params": { "code": "SIMILARITY_FAIL"');
    const file = temp('policy.json', bad);
    const r = await runCli(CLI, ['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${file}:8:19  rule "liveness-attack"  priority "high" must be a positive integer (higher runs first)`,
      `${file}:9:57  rule "liveness-attack"  unknown path face.livness: did you mean face.liveness?`,
      `${file}:16:26  rule "similarity-fail"  event type "DENY" is not an outcome (APPROVE, REVIEW, REJECT)`,
      `${file}  3 problems`,
    ]);
  });

  it('not JSON, or no file: exit 1 with the reason', async () => {
    const notJson = temp('policy.json', '{ "name": "p", }');
    const r = await runCli(CLI, ['validate', notJson, '/no/such/policy.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${notJson}:1:16  not JSON: trailing comma before "}"`);
    expect(r.stdout).toContain('/no/such/policy.json  cannot read: ENOENT');
  });

  it('a file whose bytes are not UTF-8: exit 1 with the line and column of the first bad byte', async () => {
    const file = temp('policy.json', '');
    writeFileSync(file, Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('",\n  "rules": []\n}')]));
    const r = await runCli(CLI, ['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([`${file}:2:15  not UTF-8: byte 0xE9 (save the file as UTF-8)`, `${file}  1 problem`]);
  });

  it('a file nested thousands of levels deep: exit 1 with the reason, not a crash', async () => {
    const deep = temp('policy.json', `{"name": "p", "rules": [{"conditions": ${'{"all": ['.repeat(2000)}${']}'.repeat(2000)}}]}`);
    const r = await runCli(CLI, ['validate', deep]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${deep}:1:`);
    expect(r.stdout).toContain('not JSON: nested more than 256 levels deep');
  });

  it('a 10,000-entry list, an unknown key of 100,000 characters: exit 1, the limit named, the key clipped', async () => {
    const policy = JSON.parse(DEFAULT);
    policy.rules[0].conditions.all[0] = { fact: 'country', operator: 'in', value: Array.from({ length: 10_000 }, (_, i) => `C${i}`) };
    const list = temp('policy.json', JSON.stringify(policy, null, 2));
    const key = temp('policy.json', DEFAULT.replace('"name": "default",', `"name": "default", "${'k'.repeat(100_000)}": 1,`));
    const r = await runCli(CLI, ['validate', list, key]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${list}:14:22  rule "liveness-attack"  a value list has at most 256 entries; this one has 10,000\n`);
    expect(r.stdout).toContain(`${key}:3:22  unknown property "${'k'.repeat(63)}…\n`);
    expect(r.stdout.length).toBeLessThan(1_000);
  });

  it('runs as npm run rules:validate -- <file>', async () => {
    const file = temp('policy.json', DEFAULT.replace('"operator": "lessThan", "value": 50', '"operator": "lessThen", "value": 50'));
    const result = await new Promise<{ code: number; out: string }>((done) =>
      execFile('npm', ['run', '-s', 'rules:validate', '--', file], { cwd: ROOT }, (error, stdout) => done({ code: error ? Number(error.code) : 0, out: stdout })),
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${file}:9:83  rule "liveness-attack"  unknown operator "lessThen": did you mean "lessThan"?`);
  });

  it('a usage error: exit 2 and the usage', async () => {
    const r = await runCli(CLI, ['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('rules validate [policy.json ...]');
  });
});

describe('rules test', () => {
  it('runs rules/tests/*.json: a PASS line per case and a summary, exit 0', async () => {
    const r = await runCli(CLI, ['test']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  PASS  similarity 69 is another person');
    expect(r.stdout).toContain('  PASS  Verihubs FAIL_ON_2 on an Indonesian KTP (vendor signals)');
    expect(r.stdout).toMatch(/\n(\d+) passed, 0 failed \(\1 cases in 2 files\)\n$/);
  });

  it('a failing case: a FAIL line with what the policy gave, exit 1', async () => {
    const file = temp(
      'cases.json',
      JSON.stringify({
        policy: join(ROOT, 'rules/policy.json'),
        cases: [
          { name: 'clean', facts: {}, expect: { outcome: 'APPROVE' } },
          { name: 'similarity 64 should approve', facts: { face: { liveness: 99, similarity: 64 } }, expect: { outcome: 'APPROVE', reasons: [] } },
        ],
      }),
    );
    const r = await runCli(CLI, ['test', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  PASS  clean');
    expect(r.stdout).toContain('  FAIL  similarity 64 should approve: expected APPROVE [], got REJECT [SIMILARITY_FAIL]');
    expect(r.stdout).toContain('1 passed, 1 failed (2 cases in 1 file)');
  });

  it('a misspelt key, an unknown vendor, or both facts and signals: that case fails with the file and why, other files still run', async () => {
    const vendors = (vendor: string) => [{ result: { vendor } }];
    const signals = { country: 'KH', documentType: 'NATIONAL_ID', now: '2026-01-15T00:00:00Z', vendors: vendors('HUAWEI_OCR') };
    const file = temp(
      'typos.json',
      JSON.stringify({
        policy: join(ROOT, 'rules/policy.json'),
        cases: [
          { name: 'fact for facts', fact: { face: { liveness: 10 } }, expect: { outcome: 'REJECT' } },
          { name: 'outcom', facts: {}, expect: { outcom: 'APPROVE' } },
          { name: 'unknown vendor', signals: { ...signals, vendors: vendors('NOPE') }, expect: { outcome: 'REVIEW' } },
          { name: 'vendor typo', signals: { ...signals, vendors: vendors('VERIHUB') }, expect: { outcome: 'REVIEW' } },
          { name: 'both', facts: {}, signals, expect: { outcome: 'APPROVE' } },
          { name: 'fine', facts: {}, expect: { outcome: 'APPROVE' } },
        ],
      }),
    );
    const r = await runCli(CLI, ['test', file, join(ROOT, 'rules/tests/consistency-checks.json')]);
    const shown = relative(ROOT, file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`  FAIL  fact for facts: ${shown}: unknown key "fact": did you mean "facts"?`);
    expect(r.stdout).toContain(`  FAIL  outcom: ${shown}: unknown key "expect.outcom": did you mean "expect.outcome"?; "expect.outcome" must be a string`);
    expect(r.stdout).toContain(`  FAIL  unknown vendor: ${shown}: "signals.vendors[0].result.vendor" "NOPE" is not a vendor (one of INNOV8TIF, ADVANCE_AI,`);
    expect(r.stdout).toContain(`  FAIL  vendor typo: ${shown}: "signals.vendors[0].result.vendor" "VERIHUB" is not a vendor: did you mean VERIHUBS?`);
    expect(r.stdout).toContain(`  FAIL  both: ${shown}: give either "facts" or "signals", not both`);
    expect(r.stdout).toContain('  PASS  fine');
    expect(r.stdout).toContain('  PASS  the same name in another order and case matches (vendor signals)');
    expect(r.stdout).toMatch(/\n(\d+) passed, 5 failed \(\d+ cases in 2 files\)\n$/);
  });

  it('a case that cannot be run (no vendors, null, a date that is not one): that case fails, the rest still run', async () => {
    const signals = { country: 'KH', documentType: 'NATIONAL_ID', now: '2026-01-15T00:00:00Z' };
    const file = temp(
      'broken.json',
      JSON.stringify({
        policy: join(ROOT, 'rules/policy.json'),
        cases: [
          { name: 'no vendors', signals, expect: { outcome: 'APPROVE' } },
          null,
          { name: 'yesterday', signals: { ...signals, now: 'yesterday', vendors: [{ result: { vendor: 'HUAWEI_OCR' } }] }, expect: { outcome: 'APPROVE' } },
          { name: 'fine', facts: {}, expect: { outcome: 'APPROVE' } },
        ],
      }),
    );
    const r = await runCli(CLI, ['test', file, join(ROOT, 'rules/tests/consistency-checks.json')]);
    const shown = relative(ROOT, file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`  FAIL  no vendors: ${shown}: "signals.vendors" must be a list of vendor answers`);
    expect(r.stdout).toContain(`  FAIL  case 2: ${shown}: a case must be an object, not null`);
    expect(r.stdout).toContain(`  FAIL  yesterday: ${shown}: "signals.now" must be a date such as "2026-01-15T00:00:00Z", not "yesterday"`);
    expect(r.stdout).toContain('  PASS  fine');
    expect(r.stdout).toContain('  PASS  the same name in another order and case matches (vendor signals)');
    expect(r.stdout).toMatch(/\n(\d+) passed, 3 failed \(\d+ cases in 2 files\)\n$/);
  });
});

describe('rules schema', () => {
  it('--check: the committed schema is current', async () => {
    expect((await runCli(CLI, ['schema', '--check'])).status).toBe(0);
  });

  it('an unknown option is a usage error (exit 2) and the schema file is left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-schema-'));
    writeFileSync(join(dir, 'policy.schema.json'), 'stale');
    const r = await runCli(CLI, ['schema', '--chek'], { RULES_DIR: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('rules schema: unknown option "--chek"');
    expect(r.stderr).toContain('rules schema [--check]');
    expect(readFileSync(join(dir, 'policy.schema.json'), 'utf8')).toBe('stale');
  });
});
