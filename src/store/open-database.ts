import { join } from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';

/**
 * DATABASE_URL unset: embedded PGlite under DATA_DIR; `memory://`: PGlite in memory;
 * `postgres://...`: a PostgreSQL server. Migrations are applied before the database is returned.
 */
export async function openDatabase(databaseUrl: string | null, dataDir: string): Promise<Database> {
  const db =
    databaseUrl === null
      ? await PgliteDatabase.open(join(dataDir, 'pglite'))
      : databaseUrl === 'memory://'
        ? await PgliteDatabase.open('memory://')
        : await PostgresDatabase.open(databaseUrl);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
