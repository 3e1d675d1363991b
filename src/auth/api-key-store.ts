import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key';
import type { Principal } from './principal';
import type { RateLimit } from './rate-limiter';

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimit: RateLimit | null;
  /** `cli`, `config` (API_KEYS) or `development`. */
  source: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

interface KeyRow {
  id: string;
  name: string;
  key_prefix: string;
  scopes: string[];
  rate_limit: RateLimit | null;
  source: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, key_prefix, scopes, rate_limit, source, created_at, expires_at, revoked_at';

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.key_prefix,
    scopes: row.scopes,
    rateLimit: row.rate_limit,
    source: row.source,
    createdAt: new Date(row.created_at),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

/** API keys, stored hashed. Keys are looked up by hash; the clear key exists only in the caller's hands. */
export class ApiKeyStore {
  constructor(private readonly db: Database) {}

  /** Creates a key and returns it in clear, the only time it is ever seen. */
  async create(input: {
    name: string;
    scopes: string[];
    expiresAt?: Date | null;
    rateLimit?: RateLimit | null;
    source?: string;
    key?: string;
  }): Promise<{ key: string; info: ApiKeyInfo }> {
    const key = input.key ?? generateApiKey();
    const { rows } = await this.db.query<KeyRow>(
      `INSERT INTO api_keys (id, name, key_hash, key_prefix, scopes, rate_limit, source, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        input.name,
        hashApiKey(key),
        keyPrefix(key),
        JSON.stringify(input.scopes),
        input.rateLimit ? JSON.stringify(input.rateLimit) : null,
        input.source ?? 'cli',
        input.expiresAt ?? null,
      ],
    );
    return { key, info: toInfo(rows[0]!) };
  }

  /**
   * Provisions a key from configuration: created when its name is new, updated (hash, scopes, limit)
   * when the name exists, so a redeploy with a rotated key takes effect. A revocation is kept: a key
   * revoked by name stays revoked however often it is provisioned again, until `enable` clears it.
   */
  async provision(input: { name: string; key: string; scopes: string[]; rateLimit?: RateLimit | null }): Promise<{ id: string; revokedAt: Date | null }> {
    const { rows } = await this.db.query<{ id: string; revoked_at: Date | null }>(
      `INSERT INTO api_keys (id, name, key_hash, key_prefix, scopes, rate_limit, source, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'config', now())
       ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, key_prefix = EXCLUDED.key_prefix,
         scopes = EXCLUDED.scopes, rate_limit = EXCLUDED.rate_limit
       RETURNING id, revoked_at`,
      [randomUUID(), input.name, hashApiKey(input.key), keyPrefix(input.key), JSON.stringify(input.scopes), input.rateLimit ? JSON.stringify(input.rateLimit) : null],
    );
    const row = rows[0]!;
    return { id: row.id, revokedAt: row.revoked_at ? new Date(row.revoked_at) : null };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const { rows } = await this.db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, name`);
    return rows.map(toInfo);
  }

  /** Revokes by name; false when there is no such key. */
  async revoke(name: string): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE api_keys SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id', [name]);
    return rows.length === 1;
  }

  /**
   * Lifts the revocation of the key named `nameOrId` (its name, or its id); the name of the key
   * enabled, or null when no revoked key matches.
   */
  async enable(nameOrId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ name: string }>('UPDATE api_keys SET revoked_at = NULL WHERE (name = $1 OR id::text = $1) AND revoked_at IS NOT NULL RETURNING name', [
      nameOrId,
    ]);
    return rows[0]?.name ?? null;
  }

  /** Keys that can still authenticate (not revoked, not expired). */
  async countUsable(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())');
    return Number(rows[0]!.n);
  }

  /** The principal for a clear key, or null for an unknown, revoked or expired one. */
  async authenticate(key: string, now: Date = new Date()): Promise<Principal | null> {
    const { rows } = await this.db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [hashApiKey(key)]);
    const row = rows[0];
    if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= now)) return null;
    return { keyId: row.id, name: row.name, scopes: row.scopes, rateLimit: row.rate_limit };
  }
}
