import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli';

/** Runs `npm start` (src/cli/serve.ts) with an in-memory database; every case here must stop it at start-up. */
function serve(env: Record<string, string | undefined>) {
  return runCli('src/cli/serve.ts', [], { NODE_ENV: 'test', DATABASE_URL: 'memory://', ...env });
}

describe('serve: the HTTP listen fails', () => {
  let held: Server | undefined;
  afterEach(() => new Promise<void>((done) => (held ? held.close(() => done()) : done())));

  it('a PORT already in use is named, with exit 2', async () => {
    held = createServer();
    const port = await new Promise<number>((done) => held!.listen(0, '127.0.0.1', () => done((held!.address() as { port: number }).port)));
    const result = await serve({ PORT: String(port), HOST: '127.0.0.1' });
    expect(result.stderr.trim()).toBe(`Start failed: PORT ${port} on HOST 127.0.0.1 is already in use`);
    expect(result.status).toBe(2);
  });

  it('a HOST that does not resolve is named, with exit 2', async () => {
    const result = await serve({ PORT: '0', HOST: 'not_a_host.invalid' });
    expect(result.stderr.trim()).toMatch(/^Start failed: HOST not_a_host\.invalid does not resolve to an address \(E[A-Z_]+\)$/);
    expect(result.status).toBe(2);
  });

  it('a HOST that is not an address of this machine is named, with exit 2', async () => {
    const result = await serve({ PORT: '0', HOST: '10.255.255.1' });
    expect(result.stderr.trim()).toBe('Start failed: HOST 10.255.255.1 is not an address of this machine');
    expect(result.status).toBe(2);
  });
});

describe('serve: the rules in RULES_DIR cannot be used', () => {
  it('a RULES_DIR without routing.json is named with the missing file, with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-rules-'));
    const result = await serve({ PORT: '0', RULES_DIR: join(dir, 'missing') });
    expect(result.stderr.trim()).toBe(`Configuration error: RULES_DIR: ${join(dir, 'missing', 'routing.json')}: cannot read: ENOENT`);
    expect(result.status).toBe(2);
  });

  it('an invalid policy.json is named with its problems, with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-rules-'));
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    writeFileSync(join(dir, 'policy.json'), '{"name": "broken"');
    const result = await serve({ PORT: '0', RULES_DIR: dir });
    expect(result.stderr.trim()).toMatch(new RegExp(`^Configuration error: RULES_DIR: ${join(dir, 'policy.json')}:\\d+:\\d+ `));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(2);
  });
});

describe('serve: the embedded database directory cannot be created', () => {
  // DATABASE_URL unset: PGlite under DATA_DIR/pglite.
  it('a DATA_DIR below a file is named, with exit 2', async () => {
    const result = await serve({ PORT: '0', DATABASE_URL: undefined, DATA_DIR: '/etc/passwd/x' });
    expect(result.stderr.trim()).toBe('Start failed: DATA_DIR: cannot create /etc/passwd/x/pglite (ENOTDIR)');
    expect(result.status).toBe(2);
  });

  // Node 20's recursive mkdirSync never returns on this path: the old gateway hung at full CPU.
  it('a DATA_DIR that cannot be created under /proc is named, with exit 2', async () => {
    const result = await serve({ PORT: '0', DATABASE_URL: undefined, DATA_DIR: '/proc/nope' });
    expect(result.stderr.trim()).toBe('Start failed: DATA_DIR: cannot create /proc/nope/pglite (ENOENT)');
    expect(result.status).toBe(2);
  }, 150_000);
});
