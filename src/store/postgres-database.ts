import pg from 'pg';
import { DatabaseUnavailableError, maskDatabaseUrl, type Database, type SqlExecutor } from './database';

/** A PostgreSQL server through a `pg` pool. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres';
  queryCount = 0;

  private constructor(private readonly pool: pg.Pool) {}

  /**
   * Connects once to check the server answers; the error names DATABASE_URL with the password masked.
   * A statement not answered within `queryTimeoutMs` fails and its connection is dropped: a server or
   * network that stalls (no reset, no answer) must not hold verifications, metrics or a shutdown forever.
   */
  static async open(url: string, max = 10, queryTimeoutMs = 10_000): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, query_timeout: queryTimeoutMs });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on the next query.
    });
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      throw new DatabaseUnavailableError(`DATABASE_URL: cannot connect to ${maskDatabaseUrl(url)} (${reason})`);
    }
    return new PostgresDatabase(pool);
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
    this.queryCount += 1;
    const result = await this.pool.query(sql, params as unknown[]);
    return { rows: result.rows as T[] };
  }

  async exec(sql: string): Promise<void> {
    this.queryCount += 1;
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let unusable = false;
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <R>(sql: string, params: readonly unknown[] = []) => {
          this.queryCount += 1;
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[] };
        },
        exec: async (sql: string) => {
          this.queryCount += 1;
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      unusable = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      throw error;
    } finally {
      // A connection that cannot even roll back (it stalled) is dropped, not handed to the next caller.
      client.release(unusable ? new Error('the connection did not answer ROLLBACK') : undefined);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
