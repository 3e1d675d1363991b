import { linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { DatabaseUnavailableError } from './database';

/** Another process (or another open of this process) has the embedded database's directory. */
export class DataDirInUseError extends DatabaseUnavailableError {}

/** The embedded database's directory cannot be created under DATA_DIR. */
class DataDirUnusableError extends DatabaseUnavailableError {}

/** Directories this process holds: a lock naming this pid is stale unless listed here (pid reuse). */
const held = new Set<string>();

/**
 * One process at a time on an embedded database directory. PGlite is a single-user PostgreSQL that
 * reads the files into its own memory: a second process opening them works on a copy of its own, its
 * writes are lost when the first one writes, and it may damage the files. So every opener takes
 * `<dir>.lock`, a file naming its process id and host. The file is written whole under another name
 * and linked into place, so it is never seen empty. A lock of a process that no longer runs on this
 * host (one killed with SIGKILL) is taken over; one from another host sharing the volume cannot be
 * checked and is refused, naming it. Returns the release, to call once the database is closed.
 */
export function lockDataDir(dir: string): () => void {
  const path = `${dir}.lock`;
  if (held.has(path)) throw inUse(dir, 'this process');
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (create(path, me)) {
      held.add(path);
      return () => {
        if (!held.delete(path)) return;
        // Only our own lock: had it been taken over meanwhile, the file names its new owner.
        if (readOwner(path) === me) removeIfPresent(path);
      };
    }
    const seen = readOwner(path);
    if (seen === null) continue; // released meanwhile
    const [pidText, host = hostname()] = seen.split('@');
    const pid = Number.parseInt(pidText ?? '', 10);
    if (host !== hostname()) throw inUse(dir, `process ${pid} on host ${host} (remove ${path} if it no longer runs)`);
    // This pid with no open here is a previous run of this program under the same pid (a container's
    // pid 1 restarted), not a live owner. An empty or unreadable lock was left by a crash.
    if (pid > 0 && pid !== process.pid && isRunning(pid)) throw inUse(dir, `process ${pid}`);
    takeOverStale(path, seen, dir);
  }
  throw inUse(dir, 'another process');
}

/** Opens a database on `dir` (created if missing) holding its lock; the lock goes if the open fails. */
export async function openWithLock<T>(dir: string, open: () => Promise<T>): Promise<{ db: T; unlock: () => void }> {
  createDirectory(dir);
  const unlock = lockDataDir(dir);
  try {
    return { db: await open(), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * Creates `dir` and its missing parents one level at a time. Not `mkdirSync(dir, { recursive: true })`:
 * on Node 20 that never returns for some paths (under /proc it spins at full CPU), and its errors
 * (ENOTDIR, EACCES) do not say which setting is wrong.
 */
function createDirectory(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw cannotCreate(dir, 'ENOTDIR');
      break;
    } catch (error) {
      if (error instanceof DataDirUnusableError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: some level above is a file; walking up finds it and refuses it as such.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw cannotCreate(dir, code);
      const parent = dirname(at);
      if (parent === at) throw cannotCreate(dir, code);
      missing.unshift(at);
      at = parent;
    }
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another process opening the same directory may have just created this level.
      if (code === 'EEXIST' && statSync(level).isDirectory()) continue;
      throw cannotCreate(dir, code);
    }
  }
}

function cannotCreate(dir: string, code: string | undefined): DataDirUnusableError {
  return new DataDirUnusableError(`DATA_DIR: cannot create ${dir} (${code ?? 'unknown error'})`);
}

/** Creates the lock naming `me`; false when one is there already. */
function create(path: string, me: string): boolean {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, me);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    removeIfPresent(temp);
  }
}

/**
 * Moves the stale lock aside (a rename is atomic: of two processes taking it over at once, one moves
 * it). If what was moved is not the stale lock read before, another process took it over first: its
 * lock goes back and this open is refused.
 */
function takeOverStale(path: string, stale: string, dir: string): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved !== stale) {
    try {
      linkSync(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      removeIfPresent(aside);
    }
    throw inUse(dir, `process ${moved?.split('@')[0] ?? '?'}`);
  }
  removeIfPresent(aside);
}

function readOwner(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dir: string, holder: string): DataDirInUseError {
  return new DataDirInUseError(
    `the embedded database ${dir} is already open in ${holder}: ` +
      'it serves one process at a time. Stop that process first (a gateway, or another command on the same DATA_DIR), ' +
      'or use a PostgreSQL server (DATABASE_URL), which any number of processes share.',
  );
}
