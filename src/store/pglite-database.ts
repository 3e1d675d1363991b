import { PGlite } from '@electric-sql/pglite';
import { openWithLock } from './data-dir-lock';
import type { Database, SqlExecutor } from './database';

/** Embedded PostgreSQL (PGlite): files under `dataDir`, or in memory for `memory://`. One connection, queries serialised. */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite';
  queryCount = 0;

  private constructor(
    private readonly db: PGlite,
    /** Releases the data directory (see lockDataDir) once closed. */
    private readonly unlock: () => void,
  ) {}

  static async open(dataDir: string | 'memory://'): Promise<PgliteDatabase> {
    // A 32 MiB buffer cache, as on the database thread (see START_PARAMS in pglite-worker.mjs).
    const create = () => PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] });
    if (dataDir === 'memory://') return new PgliteDatabase(await create(), () => undefined);
    const { db, unlock } = await openWithLock(dataDir, create);
    return new PgliteDatabase(db, unlock);
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    this.queryCount += 1;
    const result = await this.db.query<T>(sql, params as unknown[]);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    this.queryCount += 1;
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <R>(sql: string, params: readonly unknown[] = []) => {
          this.queryCount += 1;
          const result = await tx.query<R>(sql, params as unknown[]);
          return { rows: result.rows };
        },
        exec: async (sql: string) => {
          this.queryCount += 1;
          await tx.exec(sql);
        },
      }),
    );
  }

  async close(): Promise<void> {
    if (this.db.closed) return this.unlock();
    try {
      await this.db.close();
    } finally {
      this.unlock();
    }
  }
}
