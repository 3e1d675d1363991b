import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionSource, PastDecision } from '../decision/authoring/backtest';
import type { DecisionReason } from '../decision/engine/decision';
import type { Outcome } from '../signals/model';
import type { Database, SqlExecutor } from './database';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';

/**
 * Reading past decisions for a backtest, and nothing else: the database is opened without applying
 * migrations and every read runs in a READ ONLY transaction, so a backtest can never write.
 */
export interface HistoryQuery {
  /** Only decisions made at or after this time. */
  since?: Date | null;
  /** At most this many cases, newest first. */
  limit?: number | null;
  batchSize?: number;
}

export class HistoryUnavailableError extends Error {
  override readonly name = 'HistoryUnavailableError';
}

/** Opens the configured database as the gateway would (DATABASE_URL, else PGlite under DATA_DIR), without migrating it. */
export async function openHistory(databaseUrl: string | null, dataDir: string): Promise<Database> {
  if (databaseUrl === null) {
    const dir = join(dataDir, 'pglite');
    if (!existsSync(dir)) throw new HistoryUnavailableError(`no embedded database under ${dir}: the gateway has not stored any case there`);
    return PgliteDatabase.open(dir);
  }
  if (databaseUrl === 'memory://') throw new HistoryUnavailableError('DATABASE_URL=memory:// holds nothing outside a running gateway');
  return PostgresDatabase.open(databaseUrl, 2);
}

/** The decisions that `query` selects, as the source a backtest replays. */
export function decisionHistory(db: Database, query: HistoryQuery): DecisionSource {
  return (onStart, onBatch) => readDecisionHistory(db, query, onStart, onBatch);
}

/**
 * The latest automatic decision of each case (the one with facts; a person's review has none),
 * newest case first, handed to `onBatch` a batch at a time. Returns how many cases there were.
 */
async function readDecisionHistory(db: Database, query: HistoryQuery, onStart: (total: number) => void, onBatch: (batch: PastDecision[]) => Promise<void> | void): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    const present = await tx.query<{ t: string | null }>("SELECT to_regclass('decisions')::text AS t");
    if (!present.rows[0]?.t) throw new HistoryUnavailableError('this database has no decisions table: the gateway never ran against it');
    const since = query.since ?? null;
    const counted = await tx.query<{ n: string }>(
      `SELECT count(DISTINCT identity_id)::text AS n FROM decisions WHERE facts IS NOT NULL AND ($1::timestamptz IS NULL OR decided_at >= $1)`,
      [since],
    );
    const total = Math.min(Number(counted.rows[0]!.n), query.limit ?? Infinity);
    onStart(total);
    let cursor: string | null = null;
    let read = 0;
    while (read < total) {
      const size = Math.min(query.batchSize ?? 1_000, total - read);
      const rows = await page(tx, cursor, since, size);
      if (rows.length === 0) break;
      read += rows.length;
      cursor = rows.at(-1)!.seq;
      await onBatch(rows.map(toStored));
    }
    return read;
  });
}

interface HistoryRow {
  seq: string;
  id: string;
  case_no: string;
  outcome: Outcome;
  reasons: DecisionReason[] | string;
  policy_version: string;
  facts: unknown;
  decided_at: Date;
}

async function page(tx: SqlExecutor, cursor: string | null, since: Date | null, size: number): Promise<HistoryRow[]> {
  const { rows } = await tx.query<HistoryRow>(
    `SELECT i.seq::text AS seq, i.id, i.case_no, d.outcome, d.reasons, d.policy_version, d.facts, d.decided_at
     FROM identities i
     JOIN LATERAL (
       SELECT outcome, reasons, policy_version, facts, decided_at FROM decisions
       WHERE identity_id = i.id AND facts IS NOT NULL ORDER BY seq DESC LIMIT 1
     ) d ON true
     WHERE ($1::bigint IS NULL OR i.seq < $1::bigint) AND ($2::timestamptz IS NULL OR d.decided_at >= $2)
     ORDER BY i.seq DESC LIMIT $3`,
    [cursor, since, size],
  );
  return rows;
}

function toStored(row: HistoryRow): PastDecision {
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return {
    identityId: row.id,
    caseNo: row.case_no,
    outcome: row.outcome,
    reasons: json(row.reasons),
    policyVersion: row.policy_version,
    decidedAt: new Date(row.decided_at),
    facts: json(row.facts),
  };
}
