import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildGateway } from '../support/child-gateway';

/**
 * `npm start` stopped with Ctrl-C (SIGINT): the process logs that it is finishing the requests in
 * flight, releases everything in the reverse order it was opened (readiness first, the embedded
 * database last, whose lock file goes with it), logs "stopped" and exits 0.
 */
describe('npm start on SIGINT', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ekyc-sigint-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('releases everything in reverse order, logs "stopped" and exits 0', async () => {
    const gateway = await startChildGateway({ PORT: '0', NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true);
    // Signalled once it serves, as a load balancer sees it.
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    gateway.process.kill('SIGINT');
    // 'close', not 'exit': the output is read to its end.
    const code = await new Promise<number | null>((done) => gateway.process.once('close', (exitCode) => done(exitCode)));
    const lines = gateway
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; resource?: string; signal?: string });
    const messages = lines.map((line) => line.msg);
    try {
      expect(code).toBe(0);
      expect(lines.find((line) => line.msg === 'shutting down: finishing requests in flight')?.signal).toBe('SIGINT');
      // Logged once close() resolved; the process exits right after it, so its line and the last
      // release's can reach the pipe in either order.
      expect(messages.filter((message) => message === 'stopped')).toHaveLength(1);
      expect(messages.indexOf('stopped')).toBeGreaterThan(messages.indexOf('shutting down: finishing requests in flight'));
      const opened = lines.filter((line) => line.msg === 'opened').map((line) => line.resource);
      const released = lines.filter((line) => line.msg === 'released').map((line) => line.resource);
      expect(released).toEqual([...opened].reverse());
      expect(released[0]).toBe('readiness');
      expect(released.at(-1)).toBe('database');
      expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- gateway output ---\n${gateway.output()}`, { cause: error });
    }
  }, 90_000);
});
