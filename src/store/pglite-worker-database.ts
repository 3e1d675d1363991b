import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openWithLock } from './data-dir-lock';
import type { Database, SqlExecutor } from './database';

interface Reply {
  id: number;
  ok: boolean;
  rows?: unknown[];
  tx?: number;
  error?: { message: string } & Record<string, string>;
}

/**
 * Embedded PostgreSQL (PGlite) on its own thread (pglite-worker.mjs). PGlite is PostgreSQL compiled to
 * WebAssembly: on the gateway's thread, every statement's parse, plan, execution and WAL write would
 * stop GraphQL and the vendor calls meanwhile. Here the gateway only posts the statement and awaits
 * the rows, and both run at once on two cores. Same SQL, same results, same errors (code, constraint,
 * detail) as PgliteDatabase; one connection, statements serialised as before.
 */
export class PgliteWorkerDatabase implements Database {
  readonly kind = 'pglite';
  queryCount = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  private exited: Error | null = null;
  /** Releases the data directory (see lockDataDir) once closed. */
  private unlock: () => void = () => undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      waiter.resolve(reply);
    });
    const stop = (error: Error) => {
      this.exited = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', (error) => stop(new Error(`the embedded database thread failed: ${error.message}`)));
    worker.on('exit', () => stop(new Error('the embedded database thread has stopped')));
    // Idle, the thread does not keep the process alive; a statement on its way does (see send).
    worker.unref();
  }

  static async open(dataDir: string | 'memory://'): Promise<PgliteWorkerDatabase> {
    if (dataDir === 'memory://') return PgliteWorkerDatabase.start(dataDir);
    const { db, unlock } = await openWithLock(dataDir, async () => {
      // A fresh directory is initialised (initdb) by a thread of its own that then exits: initdb grows
      // PGlite's WebAssembly memory far past what serving needs, and a WebAssembly memory never shrinks.
      if (!existsSync(join(dataDir, 'PG_VERSION'))) await (await PgliteWorkerDatabase.start(dataDir)).close();
      return PgliteWorkerDatabase.start(dataDir);
    });
    db.unlock = unlock;
    return db;
  }

  private static async start(dataDir: string): Promise<PgliteWorkerDatabase> {
    const db = new PgliteWorkerDatabase(new Worker(new URL('./pglite-worker.mjs', import.meta.url)));
    try {
      await db.send({ op: 'open', dataDir });
    } catch (error) {
      await db.worker.terminate();
      throw error;
    }
    return db;
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    this.queryCount += 1;
    return { rows: (await this.send({ op: 'query', sql, params })).rows as T[] };
  }

  async exec(sql: string): Promise<void> {
    this.queryCount += 1;
    await this.send({ op: 'exec', sql });
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const { tx } = await this.send({ op: 'begin' });
    let result: T;
    try {
      result = await work({
        query: async <R>(sql: string, params: readonly unknown[] = []) => {
          this.queryCount += 1;
          return { rows: (await this.send({ op: 'query', sql, params, tx })).rows as R[] };
        },
        exec: async (sql: string) => {
          this.queryCount += 1;
          await this.send({ op: 'exec', sql, tx });
        },
      });
    } catch (error) {
      await this.send({ op: 'rollback', tx }).catch(() => undefined);
      throw error;
    }
    await this.send({ op: 'commit', tx });
    return result;
  }

  async close(): Promise<void> {
    // A thread that died (its error already reported) still held the directory: give it back.
    if (this.exited) return this.unlock();
    try {
      await this.send({ op: 'close' });
      await this.worker.terminate();
    } finally {
      this.unlock();
    }
  }

  private send(message: Record<string, unknown>): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, {
        resolve: (reply) => (reply.ok ? resolve(reply) : reject(databaseError(reply.error!))),
        reject,
      });
      try {
        this.worker.postMessage({ ...message, id });
      } catch (error) {
        // A parameter that cannot be sent to the thread: this statement fails, nothing stays pending.
        this.waiting.delete(id);
        if (this.waiting.size === 0) this.worker.unref();
        reject(error as Error);
      }
    });
  }
}

/** The worker's error as an Error with the same fields PGlite's DatabaseError carries (code, constraint ...). */
function databaseError(fields: { message: string } & Record<string, string>): Error {
  const { message, name, ...rest } = fields;
  return Object.assign(new Error(message), rest, name ? { name } : {});
}
