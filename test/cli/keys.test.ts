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
    const [name, prefix, scopes, source, state] = listed.stdout
      .split('\n')
      .find((l) => l.startsWith('partner-a\t'))!
      .split('\t');
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

  it('a key from API_KEYS revoked with the CLI stays revoked across restarts (with a warning) until enabled', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ekyc-keys-revoked-'));
    const secret = 'partner-b-config-key-0123456789';
    const gatewayEnv = { DATA_DIR: dir, PORT: '0', API_KEYS: JSON.stringify([{ name: 'partner-b', key: secret, scopes: ['*'] }]) };
    const status = async (url: string) =>
      (await request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: '{"query":"{ __typename }"}' }))
        .statusCode;
    const cliEnv = { DATA_DIR: dir, DATABASE_URL: undefined };
    try {
      const first = await startChildGateway(gatewayEnv);
      expect(await status(first.url)).toBe(200);
      expect(await first.stop()).toBe(0);

      expect((await runCli(KEYS, ['revoke', 'partner-b'], cliEnv)).status).toBe(0);
      const second = await startChildGateway(gatewayEnv);
      let warning = '';
      try {
        expect(await status(second.url)).toBe(401);
        warning =
          second
            .output()
            .split('\n')
            .find((line) => line.includes('partner-b') && line.includes('revoked')) ?? '';
        expect(warning, second.output()).not.toBe('');
        expect(JSON.parse(warning)).toMatchObject({ level: 40, keyName: 'partner-b', msg: expect.stringContaining('npm run keys -- enable partner-b') });
        expect(second.output()).not.toContain(secret);
      } finally {
        expect(await second.stop()).toBe(0);
      }

      const listed = await runCli(KEYS, ['list'], cliEnv);
      expect(listed.stdout).toMatch(/^partner-b\t.*\tconfig\trevoked \d{4}-/m);
      // By the id the warning named (by name works too, below).
      const enabled = await runCli(KEYS, ['enable', JSON.parse(warning).keyId as string], cliEnv);
      expect(enabled.stdout).toContain('enabled partner-b');
      expect(enabled.status).toBe(0);
      // Nothing left to enable: said so, exit 1.
      const again = await runCli(KEYS, ['enable', 'partner-b'], cliEnv);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('no revoked key named partner-b');

      const third = await startChildGateway(gatewayEnv);
      try {
        expect(await status(third.url)).toBe(200);
        expect(third.output()).not.toMatch(/partner-b.*revoked/);
      } finally {
        expect(await third.stop()).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to create a key that is already expired (exit 2, nothing created) unless --allow-expired', { timeout: 120_000 }, async () => {
    const refused = await runCli(KEYS, ['create', 'stale', '--scopes', '*', '--expires', '2020-01-01'], env);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--expires 2020-01-01T00:00:00.000Z is in the past: the key would never work; nothing was created (add --allow-expired');
    expect((await runCli(KEYS, ['list'], env)).stdout).not.toMatch(/^stale\t/m);

    const forced = await runCli(KEYS, ['create', 'stale', '--scopes', '*', '--expires', '2020-01-01', '--allow-expired'], env);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('warning: stale expired at 2020-01-01T00:00:00.000Z; it will be refused');
    expect((await runCli(KEYS, ['list'], env)).stdout).toMatch(/^stale\t.*\texpired\texpires 2020-01-01T00:00:00\.000Z$/m);
    // A future expiry is created as before, without a word on stderr.
    const future = await runCli(KEYS, ['create', 'fresh', '--scopes', '*', '--expires', '2999-01-01'], env);
    expect(future.status).toBe(0);
    expect(future.stderr).toBe('');
  });
});
