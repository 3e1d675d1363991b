import type { Database, SqlExecutor } from '../../src/store/database';

/** Wraps a database so the Nth statement inside a transaction throws: a crash between two writes. */
export class FaultyDatabase implements Database {
  constructor(
    private readonly inner: Database,
    private readonly failAtStatement: number,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  get queryCount() {
    return this.inner.queryCount;
  }

  query<T>(sql: string, params?: readonly unknown[]) {
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string) {
    return this.inner.exec(sql);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let n = 0;
    return this.inner.transaction((tx) =>
      work({
        query: async <R>(sql: string, params?: readonly unknown[]) => {
          n += 1;
          if (n === this.failAtStatement) throw new Error(`injected failure at statement ${n}`);
          return tx.query<R>(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      }),
    );
  }

  close() {
    return this.inner.close();
  }
}
