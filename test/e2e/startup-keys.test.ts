import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoApiKeysError } from '../../src/auth/provision-keys';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway } from '../../src/main';

const silent = createLogger({ level: 'silent' });

describe('keys at start-up', () => {
  it('a development start with no key creates one with every scope, prints it once, and it works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ekyc-devkey-'));
    const env = { PORT: '0', NODE_ENV: 'development', DATA_DIR: dataDir };
    const printed: string[] = [];
    const first = await startGateway(loadConfig(env), { logger: silent, print: (l) => printed.push(l) });
    const key = /(ekyc_[A-Za-z0-9_-]{43})/.exec(printed.join('\n'))?.[1];
    expect(printed[0]).toMatch(/^Development API key \(for local use only, all scopes; shown once\): ekyc_/);
    expect(key).toBeDefined();
    const res = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ identities(first: 1) { totalCount } }' }),
    });
    expect(((await res.json()) as any).data.identities.totalCount).toBe(0);
    await first.close();

    const again: string[] = [];
    const second = await startGateway(loadConfig(env), { logger: silent, print: (l) => again.push(l) });
    expect(again).toEqual([]);
    const stored = await second.db.query<{ key_hash: string; source: string }>('SELECT key_hash, source FROM api_keys');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.source).toBe('development');
    expect(JSON.stringify(stored.rows)).not.toContain(key!);
    await second.close();
  });

  it('production refuses to start without a key, and makes no development key', async () => {
    const printed: string[] = [];
    const config = loadConfig({ PORT: '0', NODE_ENV: 'production', SIMULATORS: 'on', DATABASE_URL: 'memory://' });
    const error = await startGateway(config, { logger: silent, print: (l) => printed.push(l) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoApiKeysError);
    expect((error as Error).message).toMatch(/^API_KEYS: /);
    expect(printed).toEqual([]);
  });

  it('production starts with a configured key, stored hashed', async () => {
    const key = 'prod-key-abcdefghijklmnop';
    const config = loadConfig({
      PORT: '0',
      NODE_ENV: 'production',
      SIMULATORS: 'on',
      DATABASE_URL: 'memory://',
      API_KEYS: JSON.stringify([{ name: 'ops', key, scopes: ['identity:read'] }]),
    });
    const gw = await startGateway(config, { logger: silent, print: () => undefined });
    const rows = await gw.db.query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows.rows)).not.toContain(key);
    await gw.close();
  });

  it.each([
    ['not JSON', '[{'],
    ['not an array', '{"name":"a"}'],
    ['a short key', '[{"name":"a","key":"short","scopes":["*"]}]'],
    ['an unknown scope', '[{"name":"a","key":"long-enough-key-123456","scopes":["identity:write"]}]'],
  ])('API_KEYS with %s stops the start naming API_KEYS, never the key', (_kind, value) => {
    expect(() => loadConfig({ API_KEYS: value })).toThrow(/^API_KEYS: /);
    try {
      loadConfig({ API_KEYS: value });
    } catch (error) {
      expect((error as Error).message).not.toContain('long-enough-key-123456');
    }
  });
});
