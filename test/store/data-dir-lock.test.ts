import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../src/store/data-dir-lock';
import { PgliteDatabase } from '../../src/store/pglite-database';
import { PgliteWorkerDatabase } from '../../src/store/pglite-worker-database';
import { startTestGateway } from '../support/gateway';

const root = mkdtempSync(join(tmpdir(), 'ekyc-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `db-${(n += 1)}`);
/** What a lock held by this process says. */
const ME = `${process.pid}@${hostname()}`;

/** A process that runs until killed, and the pid of one that has ended. */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGKILL'))) };
}
async function endedPid(): Promise<number> {
  const s = sleeper();
  await s.stop();
  return s.pid;
}

describe('lockDataDir: one process at a time on an embedded database directory', () => {
  it('a second open in the same process is refused until the first is released', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(ME);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    lockDataDir(dir)();
  });

  it('a lock held by another running process is refused, naming it and the way out', async () => {
    const dir = freshDir();
    const other = sleeper();
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(`the embedded database ${dir} is already open in process ${other.pid}`);
      expect(() => lockDataDir(dir)).toThrow(/Stop that process first .* or use a PostgreSQL server \(DATABASE_URL\)/);
      expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(other.pid)); // left as it was
    } finally {
      await other.stop();
    }
  });

  it('a lock left by a process that has ended (SIGKILL) is taken over', async () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, String(await endedPid()));
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(ME);
    release();
  });

  it('a lock written by a process on another host sharing the volume is refused, naming the host and the file', () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, '4242@replica-b');
    expect(() => lockDataDir(dir)).toThrow(`already open in process 4242 on host replica-b (remove ${dir}.lock if it no longer runs)`);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe('4242@replica-b');
  });

  it('an empty lock (a crash before the pid was written, by an earlier version) is taken over', () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, '');
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(ME);
    release();
  });

  it("a lock naming this pid that this process does not hold is a previous run's (a restarted container's pid 1)", () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, String(process.pid));
    lockDataDir(dir)();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('a release after the lock was taken over leaves the new owner its lock', async () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    const other = sleeper();
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      release();
      expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(other.pid));
    } finally {
      await other.stop();
    }
  });

  it.each([
    ['PgliteWorkerDatabase', (dir: string) => PgliteWorkerDatabase.open(dir)],
    ['PgliteDatabase', (dir: string) => PgliteDatabase.open(dir)],
  ])('%s holds the lock while open and releases it when closed', { timeout: 60_000 }, async (_name, open) => {
    const dir = freshDir();
    const db = await open(dir);
    await expect(PgliteWorkerDatabase.open(dir)).rejects.toThrow(DataDirInUseError);
    await expect(PgliteDatabase.open(dir)).rejects.toThrow(DataDirInUseError);
    await db.query('CREATE TABLE t (x int)');
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await open(dir);
    expect((await again.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await again.close();
  });

  it('a database thread that died still gives the directory back when closed', { timeout: 60_000 }, async () => {
    const dir = freshDir();
    const db = await PgliteWorkerDatabase.open(dir);
    await (db as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(db.query('SELECT 1')).rejects.toThrow('the embedded database thread has stopped');
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await PgliteWorkerDatabase.open(dir);
    expect((await again.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await again.close();
  });
});

describe('a gateway that cannot listen', () => {
  it('gives its embedded database back: the directory opens again at once', { timeout: 60_000 }, async () => {
    const dataDir = join(root, 'gateway-listen');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      await expect(startTestGateway({ DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port) })).rejects.toThrow(/already in use/);
      const db = await PgliteWorkerDatabase.open(join(dataDir, 'pglite'));
      await db.close();
    } finally {
      busy.close();
    }
  });
});
