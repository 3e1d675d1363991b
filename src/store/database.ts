/**
 * The SQL connection port: the same SQL runs on embedded PGlite and on a PostgreSQL server.
 * jsonb parameters are passed as JSON text (JSON.stringify) so both drivers see the same thing.
 */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** `pglite` or `postgres`, for logs and readiness. */
  readonly kind: 'pglite' | 'postgres';
  /** Statements run so far (tests count them to prove loaders batch). */
  readonly queryCount: number;
}

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** A connection URL with its password replaced, safe for a log or an error line. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    // The driver also takes the password as a query parameter.
    for (const key of [...parsed.searchParams.keys()]) {
      if (/password/i.test(key)) parsed.searchParams.set(key, '****');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
