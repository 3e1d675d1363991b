import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { DatabaseUnavailableError } from './database';

/** Another process (or another open of this process) has the embedded database's directory. */
export class DataDirInUseError extends DatabaseUnavailableError {}

/** Directories this process holds: a lock naming this pid is stale unless listed here (pid reuse). */
const held = new Set<string>();

/**
 * One process at a time on an embedded database directory. PGlite is a single-user PostgreSQL that
 * reads the files into its own memory: a second process opening them works on a copy of its own, its
 * writes are lost when the first one writes, and it may damage the files. So every opener takes
 * `<dir>.lock`, a file naming its process id, created exclusively; a lock whose process no longer runs
 * (one killed with SIGKILL) is taken over. Returns the release, to call once the database is closed.
 */
export function lockDataDir(dir: string): () => void {
  const path = `${dir}.lock`;
  if (held.has(path)) throw inUse(dir, 'this process');
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      held.add(path);
      return () => {
        if (!held.delete(path)) return;
        // Only our own lock: had it been taken over meanwhile, the file names its new owner.
        if (readOwner(path) === String(process.pid)) removeIfPresent(path);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readOwner(path), 10);
      // This pid with no open here is a previous run of this program under the same pid (a
      // container's pid 1 restarted), not a live owner.
      const live = owner > 0 && owner !== process.pid && isRunning(owner);
      // A second EEXIST: another process took the stale lock over at the same moment.
      if (live || attempt > 0) throw inUse(dir, owner > 0 ? `process ${owner}` : 'another process');
      removeIfPresent(path);
    }
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readOwner(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
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
