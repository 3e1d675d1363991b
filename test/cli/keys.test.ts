import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildGateway } from '../support/child-gateway';
import { runCli } from '../support/run-cli';

const KEYS = 'src/cli/keys.ts';
const dataDir = mkdtempSync(join(tmpdir(), 'ekyc-keys-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };

describe('npm run keys on the embedded database', () => {
  it('creates a key shown once, lists it, revokes it', { timeout: 120_000 }, async () => {
    const created = await runCli(KEYS, ['create', 'partner-a', '--scopes', 'identity:verify,identity:read'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(created.stdout).toContain('created partner-a; the key is shown once');
    expect(key.length).toBeGreaterThanOrEqual(32);

    const listed = await runCli(KEYS, ['list'], env);
    expect(listed.status).toBe(0);
    const [name, prefix, scopes, source, state] = listed.stdout.split('\n').find((l) => l.startsWith('partner-a\t'))!.split('\t');
    expect([name, scopes, source, state]).toEqual(['partner-a', 'identity:verify,identity:read', 'cli', 'active']);
    expect(prefix).toMatch(/^.{6,}…$/);
    expect(key.startsWith(prefix!.slice(0, -1))).toBe(true);
    expect(listed.stdout).not.toContain(key); // only a prefix, never the key

    const revoked = await runCli(KEYS, ['revoke', 'partner-a'], env);
    expect(revoked.status).toBe(0);
    expect((await runCli(KEYS, ['list'], env)).stdout).toMatch(/^partner-a\t.*\trevoked \d{4}-/m);
  });

  it('while a gateway has the directory open: refused with exit 2, naming the gateway, and nothing is written', { timeout: 180_000 }, async () => {
    const gateway = await startChildGateway({ DATA_DIR: dataDir, PORT: '0' });
    try {
      const refused = await runCli(KEYS, ['create', 'while-running', '--scopes', '*'], env);
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe(''); // no key printed that would not work
      expect(refused.stderr).toContain(`keys: the embedded database ${join(dataDir, 'pglite')} is already open in process ${gateway.process.pid}`);
      expect(refused.stderr).toContain('use a PostgreSQL server (DATABASE_URL)');

      // A second gateway on the same directory does not start either; the first keeps answering.
      await expect(startChildGateway({ DATA_DIR: dataDir, PORT: '0' })).rejects.toThrow(
        new RegExp(`exited with 2 before it was ready:[\\s\\S]*Start failed: the embedded database .* is already open in process ${gateway.process.pid}`),
      );
      expect((await request(`${gateway.url}/healthz`)).statusCode).toBe(200);
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
    const listed = await runCli(KEYS, ['list'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).not.toContain('while-running');
    // Stopped, the gateway gave the directory back: the command works again.
    expect((await runCli(KEYS, ['create', 'after-stop', '--scopes', '*'], env)).status).toBe(0);
  });
});
