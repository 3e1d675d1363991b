import type { Decision } from '../decision/engine/decision';
import type { Outcome, VendorResult, VendorSignals } from '../signals/model';
import { ListingCursors } from './cursor';
import type { Database, SqlExecutor } from './database';
import { caseRow, type NewCase } from './case-row';
import { GroupCommit } from './group-commit';
import { filterSql, type IdentityFilter } from './identity-filter';
import type { IdentityCase, IdentityRecord } from './identity-record';
import { IDENTITY_COLUMNS, toDecision, toIdentityCase, toVendorResult, type DecisionRow, type IdentityRow, type VendorCallRow } from './rows';

export type ClaimResult = { kind: 'claimed'; claimedAt: Date } | { kind: 'existing'; id: string } | { kind: 'conflict' } | { kind: 'in-progress' };

export interface IdentityPage {
  edges: Array<{ cursor: string; node: IdentityCase }>;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A vendor call made by a re-poll, and whether its answer was taken into the case. */
export interface RepollCall {
  result: VendorResult;
  /** false: no news (an outage, a deadline): on record, but not the vendor's latest result. */
  counted: boolean;
}

/** A change appended to a case: a new decision, and with a re-poll the vendors' new answers. */
export interface CaseUpdate {
  decision: Decision;
  /** The vendors' signals after a re-poll; absent for a manual review. */
  vendorSignals?: VendorSignals[];
  /** Vendor calls made by the re-poll, recorded as a new attempt (even when the wait has ended). */
  calls?: RepollCall[];
  /** Still waiting: when to poll next; null: the wait is over; absent: unchanged. */
  nextPollAt?: Date | null;
}

/**
 * Cases, their vendor calls, decisions and pending polls in PostgreSQL (embedded or server), with the
 * same SQL on both. Every write of a case is one transaction (a new case: one statement, shared with
 * the cases written at the same moment): a crash leaves the whole case or nothing.
 */
export class IdentityStore {
  private readonly cases: GroupCommit<NewCase, void>;
  private readonly claims: GroupCommit<NewClaim, boolean>;
  /** Read from the database on the first listing (after migrations have run). */
  private cursors: Promise<ListingCursors> | undefined;

  constructor(readonly db: Database) {
    // Batches on their way at once. Fewer means larger batches, so fewer statements and less CPU per
    // case; more keeps the database busy while the gateway's thread is. PGlite runs statements one
    // at a time on its own thread: four queued there leave it no idle gap waiting for the gateway
    // (docs/benchmarks.md, The store). A server also flushes its WAL for
    // concurrent commits at once: two let one batch commit while the next is sent.
    const parallel = db.kind === 'pglite' ? 4 : 2;
    this.cases = new GroupCommit({ writeMany: (entries) => this.createMany(entries), parallel, maxBatch: 64, isItemError });
    this.claims = new GroupCommit({
      writeMany: (entries) => this.claimMany(entries),
      parallel,
      maxBatch: 64,
      isItemError,
      key: (c) => claimKey(c.owner, c.caseNo),
    });
  }

  /**
   * Claims (owner, caseNo) for a verification before any vendor is called. The unique key makes the
   * claim hold across replicas; a claim older than `staleBefore` without a case is taken over (its
   * holder crashed).
   */
  async claim(owner: string, caseNo: string, inputHash: string, now: Date, staleBefore: Date): Promise<ClaimResult> {
    if (await this.claims.submit({ owner, caseNo, inputHash, claimedAt: now })) return { kind: 'claimed', claimedAt: now };
    const { rows } = await this.db.query<{ input_hash: string; claimed_at: Date; id: string | null }>(
      `SELECT c.input_hash, c.claimed_at, i.id FROM case_claims c
       LEFT JOIN identities i ON i.owner = c.owner AND i.case_no = c.case_no
       WHERE c.owner = $1 AND c.case_no = $2`,
      [owner, caseNo],
    );
    const claim = rows[0];
    if (!claim) return this.claim(owner, caseNo, inputHash, now, staleBefore); // released meanwhile
    if (claim.input_hash !== inputHash) return { kind: 'conflict' };
    if (claim.id) return { kind: 'existing', id: claim.id };
    if (new Date(claim.claimed_at) < staleBefore) {
      const taken = await this.db.query(`UPDATE case_claims SET claimed_at = $3 WHERE owner = $1 AND case_no = $2 AND claimed_at = $4 RETURNING case_no`, [
        owner,
        caseNo,
        now,
        claim.claimed_at,
      ]);
      if (taken.rows.length === 1) return { kind: 'claimed', claimedAt: now };
    }
    return { kind: 'in-progress' };
  }

  /**
   * Gives a claim back when its verification ended without a case (so a retry can run). Only the
   * caller's own claim: one taken over meanwhile (claimed_at changed) belongs to another request.
   */
  async releaseClaim(owner: string, caseNo: string, claimedAt: Date): Promise<void> {
    await this.db.query(
      `DELETE FROM case_claims c WHERE owner = $1 AND case_no = $2 AND claimed_at = $3
       AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.owner = c.owner AND i.case_no = c.case_no)`,
      [owner, caseNo, claimedAt],
    );
  }

  /** Inserts many claims in one statement; true for each one taken (its key was free). */
  private async claimMany(entries: readonly NewClaim[]): Promise<boolean[]> {
    const { rows } = await this.db.query<{ owner: string; case_no: string }>('SELECT owner, case_no FROM ekyc_claim_cases($1::jsonb)', [
      JSON.stringify(entries.map((c) => ({ owner: c.owner, case_no: c.caseNo, input_hash: c.inputHash, claimed_at: c.claimedAt.toISOString() }))),
    ]);
    const taken = new Set(rows.map((r) => claimKey(r.owner, r.case_no)));
    return entries.map((c) => taken.has(claimKey(c.owner, c.caseNo)));
  }

  /**
   * Writes a new case, its vendor calls, its first decision and its pending poll, in one statement
   * (atomic: the whole case or nothing). Cases written at the same moment share that statement.
   */
  create(record: IdentityRecord, nextPollAt: Date | null): Promise<void> {
    return this.cases.submit({ record, nextPollAt });
  }

  /** Writes many new cases in one statement: all of them or none. */
  private async createMany(entries: readonly NewCase[]): Promise<void[]> {
    await this.db.query('SELECT ekyc_insert_cases($1::jsonb)', [JSON.stringify(entries.map(caseRow))]);
    return entries.map(() => undefined);
  }

  /** Appends a decision (and a re-poll's results) to a case, in one transaction. */
  async append(id: string, update: CaseUpdate): Promise<void> {
    await this.db.transaction(async (tx) => {
      // One append per case at a time: the next seq is read below, and the wait checked next.
      await tx.query('SELECT id FROM identities WHERE id = $1 FOR UPDATE', [id]);
      if (update.vendorSignals && !(await isWaiting(tx, id))) {
        // A re-poll's answer counts only while the case still waits: a person's review, or another
        // re-poll of this case, may have ended the wait while this one was asking the vendor. The
        // calls were made all the same: they go on record, uncounted.
        const uncounted = asUncounted(update.calls ?? []);
        if (uncounted.length > 0) await insertCalls(tx, id, await nextAttempt(tx, id), uncounted, update.decision.decidedAt);
        return;
      }
      const { rows } = await tx.query<{ n: number }>('SELECT COALESCE(MAX(seq), 0)::int AS n FROM decisions WHERE identity_id = $1', [id]);
      const seq = Number(rows[0]!.n) + 1;
      if (update.vendorSignals) {
        await tx.query('UPDATE identities SET vendor_signals = $2, outcome = $3, updated_at = $4 WHERE id = $1', [
          id,
          JSON.stringify(update.vendorSignals),
          update.decision.outcome,
          update.decision.decidedAt,
        ]);
      } else {
        await tx.query('UPDATE identities SET outcome = $2, updated_at = $3 WHERE id = $1', [id, update.decision.outcome, update.decision.decidedAt]);
      }
      if (update.calls && update.calls.length > 0) {
        await insertCalls(tx, id, await nextAttempt(tx, id), update.calls, update.decision.decidedAt);
      }
      await insertDecision(tx, id, seq, update.decision);
      if (update.nextPollAt === null) {
        await tx.query('DELETE FROM pending_polls WHERE identity_id = $1', [id]);
      } else if (update.nextPollAt) {
        await tx.query(
          `UPDATE pending_polls SET next_poll_at = $2, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
           WHERE identity_id = $1`,
          [id, update.nextPollAt],
        );
      }
    });
  }

  /**
   * A re-poll that changed nothing: its calls go on record as a new attempt and, while the case still
   * waits, the next poll is scheduled and the lease given back, in one transaction.
   */
  async recordRepoll(id: string, calls: readonly RepollCall[], at: Date, nextPollAt: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT id FROM identities WHERE id = $1 FOR UPDATE', [id]);
      const waiting = await isWaiting(tx, id);
      if (calls.length > 0) {
        const recorded = waiting ? calls : asUncounted(calls);
        await insertCalls(tx, id, await nextAttempt(tx, id), recorded, at);
      }
      if (waiting) {
        await tx.query(
          `UPDATE pending_polls SET next_poll_at = $2, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
           WHERE identity_id = $1`,
          [id, nextPollAt],
        );
      }
    });
  }

  async get(id: string): Promise<IdentityRecord | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<IdentityRow>(`SELECT ${IDENTITY_COLUMNS} FROM identities WHERE id = $1`, [id]);
    if (!rows[0]) return null;
    const decisions = await this.decisionsFor([id]);
    return { ...toIdentityCase(rows[0]), decisions: decisions.get(id) ?? [] };
  }

  /** Many cases by id in one query, without their decisions (loaded apart, in one batch, when asked for). */
  async casesFor(ids: readonly string[]): Promise<Map<string, IdentityCase>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const { rows } = await this.db.query<IdentityRow>(`SELECT ${IDENTITY_COLUMNS} FROM identities WHERE id = ANY($1::uuid[])`, [valid]);
    return new Map(rows.map((row) => [row.id, toIdentityCase(row)]));
  }

  async findByCaseNo(owner: string, caseNo: string): Promise<IdentityRecord | null> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM identities WHERE owner = $1 AND case_no = $2', [owner, caseNo]);
    return rows[0] ? this.get(rows[0].id) : null;
  }

  /**
   * A page of cases, newest first, in a stable order (the insertion sequence). Its cursors are
   * `reader`'s (an API key's id): another reader's `after` is refused.
   */
  async list(filter: IdentityFilter, first: number, after: string | null, reader: string): Promise<IdentityPage> {
    this.cursors ??= ListingCursors.load(this.db);
    const cursors = await this.cursors;
    const { where, params } = filterSql(filter);
    if (after !== null) {
      params.push(cursors.decode(reader, after));
      where.push(`seq < $${params.length}::bigint`);
    }
    params.push(first + 1);
    const { rows } = await this.db.query<IdentityRow>(
      `SELECT ${IDENTITY_COLUMNS} FROM identities ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, first);
    const edges = page.map((row) => ({ cursor: cursors.encode(reader, row.seq_text), node: toIdentityCase(row) }));
    return { edges, hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null };
  }

  async count(filter: IdentityFilter): Promise<number> {
    const { where, params } = filterSql(filter);
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM identities ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
    return Number(rows[0]!.n);
  }

  /** Decisions of many cases in one query, oldest first per case. */
  async decisionsFor(ids: readonly string[]): Promise<Map<string, Decision[]>> {
    const result = new Map<string, Decision[]>(ids.map((id) => [id, []]));
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return result;
    const { rows } = await this.db.query<DecisionRow>(
      `SELECT identity_id, seq, outcome, reasons, policy_version, facts, decided_at, decided_by, note
       FROM decisions WHERE identity_id = ANY($1::uuid[]) ORDER BY identity_id, seq`,
      [valid],
    );
    for (const row of rows) result.get(row.identity_id)?.push(toDecision(row));
    return result;
  }

  /** Each case's latest call per vendor, in routing order, for many cases in one query. */
  async vendorResultsFor(ids: readonly string[]): Promise<Map<string, VendorResult[]>> {
    const result = new Map<string, VendorResult[]>(ids.map((id) => [id, []]));
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return result;
    const { rows } = await this.db.query<VendorCallRow & { position: number }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (identity_id, vendor) identity_id, vendor, status, latency_ms, error_code, message, reference, position
         FROM vendor_calls WHERE identity_id = ANY($1::uuid[]) AND counted
         ORDER BY identity_id, vendor, attempt DESC
       ) latest ORDER BY identity_id, position`,
      [valid],
    );
    for (const row of rows) result.get(row.identity_id)?.push(toVendorResult(row));
    return result;
  }

  /** Who created a case, or null when there is none. */
  async ownerOf(id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<{ owner: string }>('SELECT owner FROM identities WHERE id = $1', [id]);
    return rows[0]?.owner ?? null;
  }

  /** Outcome of the latest decision, for a quick check without loading the case. */
  async outcomeOf(id: string): Promise<Outcome | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<{ outcome: Outcome }>('SELECT outcome FROM identities WHERE id = $1', [id]);
    return rows[0]?.outcome ?? null;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Calls made for a case that no longer waits: on record, not its vendors' results. */
function asUncounted(calls: readonly RepollCall[]): RepollCall[] {
  return calls.map((call) => ({ ...call, counted: false }));
}

async function isWaiting(tx: SqlExecutor, id: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT identity_id FROM pending_polls WHERE identity_id = $1', [id]);
  return rows.length > 0;
}

async function nextAttempt(tx: SqlExecutor, id: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT COALESCE(MAX(attempt), 0)::int + 1 AS n FROM vendor_calls WHERE identity_id = $1', [id]);
  return Number(rows[0]!.n);
}

async function insertCalls(tx: SqlExecutor, id: string, attempt: number, calls: readonly RepollCall[], at: Date): Promise<void> {
  for (const [position, { result: call, counted }] of calls.entries()) {
    await tx.query(
      `INSERT INTO vendor_calls (identity_id, attempt, position, vendor, status, latency_ms, error_code, message, reference, called_at, counted)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, attempt, position, call.vendor, call.status, call.latencyMs, call.errorCode, call.message, call.reference, at, counted],
    );
  }
}

async function insertDecision(tx: SqlExecutor, id: string, seq: number, d: Decision): Promise<void> {
  await tx.query(
    `INSERT INTO decisions (identity_id, seq, outcome, reasons, policy_version, facts, decided_at, decided_by, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, seq, d.outcome, JSON.stringify(d.reasons), d.policyVersion, d.facts === null ? null : JSON.stringify(d.facts), d.decidedAt, d.decidedBy, d.note],
  );
}

/**
 * A statement refused because of the data it carried: SQLSTATE class 22 (a value the database cannot
 * take) or 23 (a constraint, e.g. a unique key). Splitting its batch isolates the item at fault.
 */
function isItemError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** A claim's unique key (owner, caseNo) as one string. */
function claimKey(owner: string, caseNo: string): string {
  return JSON.stringify([owner, caseNo]);
}

interface NewClaim {
  owner: string;
  caseNo: string;
  inputHash: string;
  claimedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}
