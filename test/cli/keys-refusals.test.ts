import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

const KEYS = 'src/cli/keys.ts';
const dataDir = mkdtempSync(join(tmpdir(), 'ekyc-keys-refusals-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };

describe('npm run keys: arguments it refuses, with exit 2 and nothing created', () => {
  it('an unknown or missing command prints the usage', async () => {
    for (const args of [[], ['rotate', 'a']]) {
      const result = await runCli(KEYS, args, env);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^usage:\n {2}npm run keys -- create <name>/);
    }
  });

  it.each([
    ['no name', ['create', '--scopes', '*'], /^usage:/],
    ['no scopes', ['create', 'a'], /^--scopes must list known scopes or \*\nusage:/],
    ['an unknown scope', ['create', 'a', '--scopes', 'identity:verify,identity:everything'], /^--scopes must list known scopes or \*/],
    ['an expiry that is not a date', ['create', 'a', '--scopes', '*', '--expires', 'soon'], /^--expires must be an ISO date$/],
    ['--per-minute without --burst', ['create', 'a', '--scopes', '*', '--per-minute', '60'], /^--per-minute and --burst go together, as positive integers$/],
    ['a burst that is not a positive integer', ['create', 'a', '--scopes', '*', '--per-minute', '60', '--burst', '1.5'], /^--per-minute and --burst go together/],
  ])('%s', { timeout: 60_000 }, async (_case, args, message) => {
    const result = await runCli(KEYS, args, env);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });

  it('none of them created a key; a valid rate limit is accepted', { timeout: 60_000 }, async () => {
    expect((await runCli(KEYS, ['list'], env)).stdout).toBe('');
    const created = await runCli(KEYS, ['create', 'limited', '--scopes', '*', '--per-minute', '60', '--burst', '10'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect((await runCli(KEYS, ['list'], env)).stdout).toMatch(/^limited\t/);
  });
});
