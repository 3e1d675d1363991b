import type { Database } from './database';
import { isUuid } from './identity-store';

/**
 * Leases on pending cases. A lease is taken with FOR UPDATE SKIP LOCKED and held for `leaseMs`, so
 * each pending case is polled by one replica at a time; a replica that dies loses its lease when it
 * runs out, and another takes over.
 */
export class PendingPolls {
  constructor(private readonly db: Database) {}

  /** Leases up to `limit` cases whose next poll is due. */
  async leaseDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<string[]> {
    const { rows } = await this.db.query<{ identity_id: string }>(
      `UPDATE pending_polls SET lease_owner = $1, lease_until = $2
       WHERE identity_id IN (
         SELECT identity_id FROM pending_polls
         WHERE next_poll_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
         ORDER BY next_poll_at LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING identity_id`,
      [owner, new Date(now.getTime() + leaseMs), now, limit],
    );
    return rows.map((r) => r.identity_id);
  }

  /** Leases one case now, due or not (refreshIdentity); false when another replica holds it or none is pending. */
  async leaseNow(id: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    // Not a UUID: no case (the uuid column would reject it as an SQL error, an INTERNAL_SERVER_ERROR).
    if (!isUuid(id)) return false;
    const { rows } = await this.db.query(
      `UPDATE pending_polls SET lease_owner = $2, lease_until = $3
       WHERE identity_id IN (
         SELECT identity_id FROM pending_polls
         WHERE identity_id = $1 AND (lease_until IS NULL OR lease_until < $4)
         FOR UPDATE SKIP LOCKED)
       RETURNING identity_id`,
      [id, owner, new Date(now.getTime() + leaseMs), now],
    );
    return rows.length === 1;
  }

  async attempts(id: string): Promise<number | null> {
    const { rows } = await this.db.query<{ attempts: number }>('SELECT attempts FROM pending_polls WHERE identity_id = $1', [id]);
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM pending_polls');
    return Number(rows[0]!.n);
  }

  /** Stops polling a case (a person decided it). */
  async stop(id: string): Promise<void> {
    await this.db.query('DELETE FROM pending_polls WHERE identity_id = $1', [id]);
  }
}
