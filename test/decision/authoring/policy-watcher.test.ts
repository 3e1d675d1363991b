import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/decision/engine/policy';
import { loadPolicyFile } from '../../../src/decision/authoring/policy-loader';
import { PolicyHolder } from '../../../src/decision/engine/policy-holder';
import { PolicyWatcher, type ReloadResult } from '../../../src/decision/authoring/policy-watcher';
import { createLogger } from '../../../src/logging/logger';
import { waitFor } from '../../support/e2e';

const DEFAULT = readFileSync(join(__dirname, '../../../rules/policy.json'), 'utf8');

describe('policy live reload', () => {
  let watcher: PolicyWatcher | null = null;
  afterEach(async () => {
    await watcher?.close();
    watcher = null;
  });

  function setUp() {
    const dir = mkdtempSync(join(tmpdir(), 'policy-watch-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, DEFAULT);
    return watchFile(file);
  }

  function watchFile(file: string) {
    const holder = new PolicyHolder(loadPolicyFile(file));
    const recorded: Policy[] = [];
    const results: ReloadResult[] = [];
    watcher = new PolicyWatcher({
      file,
      holder,
      record: async (p) => void recorded.push(p),
      logger: createLogger({ level: 'silent' }),
      debounceMs: 20,
      pollMs: 50,
      onResult: (r) => results.push(r),
    });
    return { file, holder, recorded, results, watcher };
  }

  it('a valid change to the file is recorded, then swapped in', async () => {
    const { file, holder, recorded, results, watcher } = setUp();
    watcher.start();
    const before = holder.policy.version;
    writeFileSync(file, DEFAULT.replace('"value": 70 }', '"value": 75 }'));
    await waitFor(async () => (holder.policy.version !== before ? true : undefined), { what: 'the new policy' });
    expect(recorded.map((p) => p.version)).toEqual([holder.policy.version]);
    expect(holder.policy.rules.find((r) => r.name === 'similarity-fail')!.conditions).toEqual({
      all: [{ fact: 'face', path: '$.similarity', operator: 'lessThan', value: 75 }],
    });
    expect(holder.lastError).toBeNull();
    expect(results).toContain('swapped');
  });

  it('an invalid change is refused: the running policy stays, lastError says why; a fix clears it', async () => {
    const { file, holder, recorded, watcher } = setUp();
    watcher.start();
    const running = holder.policy;
    writeFileSync(file, DEFAULT.replace('"operator": "lessThan", "value": 70', '"operator": "lessThen", "value": 70'));
    await waitFor(async () => holder.lastError ?? undefined, { what: 'the refusal' });
    expect(holder.policy).toBe(running);
    expect(holder.lastError).toBe(`${file}:15:85  rule "similarity-fail"  unknown operator "lessThen": did you mean "lessThan"?`);
    expect(recorded).toEqual([]);

    writeFileSync(file, DEFAULT);
    await waitFor(async () => (holder.lastError === null ? true : undefined), { what: 'the error to clear' });
    expect(holder.policy).toBe(running);
  });

  it('a pattern that could backtrack for seconds is refused: verifications keep the running policy', async () => {
    const { file, holder, recorded, watcher } = setUp();
    const running = holder.policy;
    writeFileSync(
      file,
      DEFAULT.replace('{ "fact": "document", "path": "$.expired", "operator": "equal", "value": true }', '{ "fact": "country", "operator": "matchesPattern", "value": "^(a+)+$" }'),
    );
    expect(await watcher.reload()).toBe('refused');
    expect(holder.policy).toBe(running);
    expect(holder.lastError).toMatch(/policy\.json:29:91 {2}rule "document-expired" {2}matchesPattern: the pattern could run too long: it repeats "\(a\+\)\+"/);
    expect(recorded).toEqual([]);
  });

  it('a file whose bytes are not UTF-8 is refused, with the line and column of the first bad byte', async () => {
    const { file, holder, watcher } = setUp();
    const [head, tail] = DEFAULT.split('"name": "default"');
    writeFileSync(file, Buffer.concat([Buffer.from(`${head}"name": "caf`), Buffer.from([0xe9]), Buffer.from(`"${tail}`)]));
    expect(await watcher.reload()).toBe('refused');
    expect(holder.lastError).toBe(`${file}:3:15  not UTF-8: byte 0xE9 (save the file as UTF-8)`);
  });

  it('a file that is not JSON, or gone, is refused the same way', async () => {
    const { file, holder, watcher } = setUp();
    writeFileSync(file, '{ "name": ');
    expect(await watcher.reload()).toBe('refused');
    expect(holder.lastError).toMatch(/policy\.json:1:11 {2}not JSON: expected a value, found end of file$/);
    writeFileSync(file, DEFAULT);
    expect(await watcher.reload()).toBe('unchanged');
    expect(holder.lastError).toBeNull();
  });

  const CHANGED = DEFAULT.replace('"value": 70 }', '"value": 75 }');

  it('a ConfigMap update (a new ..data symlink renamed over the old one) is swapped in', async () => {
    // The layout Kubernetes mounts: policy.json -> ..data/policy.json, ..data -> ..v1.
    const dir = mkdtempSync(join(tmpdir(), 'policy-watch-'));
    mkdirSync(join(dir, '..v1'));
    writeFileSync(join(dir, '..v1', 'policy.json'), DEFAULT);
    symlinkSync('..v1', join(dir, '..data'));
    symlinkSync('..data/policy.json', join(dir, 'policy.json'));
    const { holder, watcher } = watchFile(join(dir, 'policy.json'));
    watcher.start();

    mkdirSync(join(dir, '..v2'));
    writeFileSync(join(dir, '..v2', 'policy.json'), CHANGED);
    symlinkSync('..v2', join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    const expected = loadPolicyFile(join(dir, '..v2', 'policy.json')).version;
    expect(expected).not.toBe(holder.policy.version);
    await waitFor(async () => (holder.policy.version === expected ? true : undefined), { timeoutMs: 3000, what: 'the new ConfigMap policy' });
    expect(holder.lastError).toBeNull();
  });

  it('a save after the whole folder was replaced is swapped in', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-watch-'));
    const rules = join(root, 'rules');
    mkdirSync(rules);
    writeFileSync(join(rules, 'policy.json'), DEFAULT);
    const { holder, watcher } = watchFile(join(rules, 'policy.json'));
    watcher.start();

    renameSync(rules, join(root, 'rules.old'));
    cpSync(join(root, 'rules.old'), rules, { recursive: true, preserveTimestamps: true });
    writeFileSync(join(rules, 'policy.json'), CHANGED);
    const expected = loadPolicyFile(join(rules, 'policy.json')).version;
    expect(expected).not.toBe(holder.policy.version);
    await waitFor(async () => (holder.policy.version === expected ? true : undefined), { timeoutMs: 3000, what: 'the policy saved in the new folder' });
    expect(holder.lastError).toBeNull();
  });
});
