import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/store/database';
import { migrate } from '../../src/store/migrate';
import { PgliteDatabase } from '../../src/store/pglite-database';
import { PgliteWorkerDatabase } from '../../src/store/pglite-worker-database';
import { PostgresDatabase } from '../../src/store/postgres-database';

/** A store backend under test: embedded PGlite always, a PostgreSQL server when TEST_DATABASE_URL is set. */
export interface Backend {
  name: 'pglite' | 'pglite-worker' | 'postgres';
  /** A fresh, migrated, empty database. `dir` (PGlite) or `schema` (PostgreSQL) reopens an existing one. */
  open(existing?: string): Promise<{ db: Database; handle: string }>;
}

const serverUrl = process.env.TEST_DATABASE_URL || null;

/** An embedded backend: a fresh in-memory database, or the data directory `existing` reopened. */
function embeddedBackend(name: Backend['name'], open: (dataDir: string) => Promise<Database>): Backend {
  return {
    name,
    async open(existing) {
      const handle = existing ?? 'memory://';
      const db = await open(handle);
      await migrate(db);
      return { db, handle };
    },
  };
}

export const pgliteBackend = embeddedBackend('pglite', (dir) => PgliteDatabase.open(dir));

/** PGlite on its own thread, as the gateway runs it. */
export const pgliteWorkerBackend = embeddedBackend('pglite-worker', (dir) => PgliteWorkerDatabase.open(dir));

/** Each test database is its own schema on the server, so runs never see each other's rows. */
export const postgresBackend: Backend = {
  name: 'postgres',
  async open(existing) {
    const schema = existing ?? `t_${randomBytes(6).toString('hex')}`;
    if (!existing) {
      const client = new pg.Client({ connectionString: serverUrl! });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.end();
    }
    const db = await PostgresDatabase.open(withSearchPath(serverUrl!, schema));
    await migrate(db);
    return { db, handle: schema };
  },
};

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export const BACKENDS: Backend[] = serverUrl ? [pgliteBackend, pgliteWorkerBackend, postgresBackend] : [pgliteBackend, pgliteWorkerBackend];
export const hasServer = serverUrl !== null;
export const TEST_SERVER_URL = serverUrl;
