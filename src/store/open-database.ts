import { join } from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { PgliteWorkerDatabase } from './pglite-worker-database';
import { PostgresDatabase } from './postgres-database';

/**
 * DATABASE_URL unset: embedded PGlite under DATA_DIR; `memory://`: PGlite in memory;
 * `postgres://...`: a PostgreSQL server. Migrations are applied before the database is returned.
 * PGlite runs on its own thread (PgliteWorkerDatabase), off the gateway's event loop.
 */
export async function openDatabase(databaseUrl: string | null, dataDir: string, queryTimeoutMs?: number): Promise<Database> {
  const db =
    databaseUrl === null
      ? await PgliteWorkerDatabase.open(join(dataDir, 'pglite'))
      : databaseUrl === 'memory://'
        ? await PgliteWorkerDatabase.open('memory://')
        : await PostgresDatabase.open(databaseUrl, 10, queryTimeoutMs);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
