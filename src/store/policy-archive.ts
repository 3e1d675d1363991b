import { compilePolicy, type Policy } from '../decision/engine/policy';
import type { Database } from './database';

/**
 * Every policy the gateway has decided with, by version. A policy is recorded before it decides
 * anything (at start-up and before a live reload swaps it in), so a stored decision can always be
 * explained and replayed with the policy that made it, after any number of changes and restarts.
 * Versions are content hashes, so a version's policy never changes and is cached for good.
 */
export class PolicyArchive {
  private readonly cache = new Map<string, Promise<Policy | null>>();

  constructor(private readonly db: Database) {}

  async record(policy: Policy, now = new Date()): Promise<void> {
    await this.db.query(
      `INSERT INTO policies (version, name, document, first_loaded_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (version) DO NOTHING`,
      [policy.version, policy.name, JSON.stringify(policy.document), now],
    );
    this.cache.set(policy.version, Promise.resolve(policy));
  }

  /** The policy of that version, or null when none is on record (decisions older than the record). */
  find(version: string): Promise<Policy | null> {
    let found = this.cache.get(version);
    if (!found) {
      found = this.load(version);
      this.cache.set(version, found);
      // A failed lookup (database down) is not remembered.
      found.catch(() => this.cache.delete(version));
    }
    return found;
  }

  private async load(version: string): Promise<Policy | null> {
    const { rows } = await this.db.query<{ document: unknown }>('SELECT document FROM policies WHERE version = $1', [version]);
    if (!rows[0]) return null;
    const document = typeof rows[0].document === 'string' ? JSON.parse(rows[0].document) : rows[0].document;
    // The version it was recorded under is its identity, whatever the database did to number formats.
    return { ...compilePolicy(document), version };
  }

  /** How many policies are on record (tests prove a dry run records none). */
  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM policies');
    return Number(rows[0]!.n);
  }
}
