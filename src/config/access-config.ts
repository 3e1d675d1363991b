import { ALL_SCOPES, isScope } from '../auth/scopes';
import type { RateLimit } from '../auth/rate-limiter';
import { ConfigError } from './config-error';
import { optionalVar, positiveIntVar } from './env-readers';

export interface ProvisionedKey {
  name: string;
  key: string;
  scopes: string[];
  rateLimit: RateLimit | null;
}

/** Who may call, how often, how big a query may be, and which image URLs are refused. */
export interface AccessConfig {
  /** Keys from API_KEYS, stored hashed at start-up. */
  apiKeys: ProvisionedKey[];
  defaultRateLimit: RateLimit;
  /** AUTH_FAILURE_CACHE_MS: a key that failed is refused this long without a database lookup. */
  authFailureCacheMs: number;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  /**
   * Largest `query` text accepted, in UTF-8 bytes (MAX_QUERY_BYTES), checked before it is parsed.
   * Images travel in variables, which this does not count.
   */
  maxQueryBytes: number;
  /** Most lexical tokens a query may hold (MAX_QUERY_TOKENS): the parser stops past them. */
  maxQueryTokens: number;
  /**
   * host[:port] entries whose image URLs are accepted even though they resolve to loopback, private,
   * link-local or metadata addresses. Development adds the gateway's own sample images.
   */
  imageUrlAllow: string[];
}

export function loadAccessConfig(env: NodeJS.ProcessEnv, development: boolean, port: number): AccessConfig {
  const allow = (optionalVar(env, 'IMAGE_URL_ALLOW') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (development && port !== 0) allow.push(`127.0.0.1:${port}`, `localhost:${port}`);
  return {
    apiKeys: parseApiKeys(optionalVar(env, 'API_KEYS')),
    defaultRateLimit: {
      perMinute: positiveIntVar(env, 'RATE_LIMIT_PER_MINUTE', 600),
      burst: positiveIntVar(env, 'RATE_LIMIT_BURST', 60),
    },
    authFailureCacheMs: positiveIntVar(env, 'AUTH_FAILURE_CACHE_MS', 60_000),
    maxQueryDepth: positiveIntVar(env, 'MAX_QUERY_DEPTH', 12),
    maxQueryComplexity: positiveIntVar(env, 'MAX_QUERY_COMPLEXITY', 5_000),
    maxQueryBytes: positiveIntVar(env, 'MAX_QUERY_BYTES', 100 * 1024),
    maxQueryTokens: positiveIntVar(env, 'MAX_QUERY_TOKENS', 2_000),
    imageUrlAllow: allow,
  };
}

/** API_KEYS: a JSON array of {"name", "key", "scopes": [...], "rateLimit"?: {"perMinute", "burst"}}. Errors never echo a key. */
function parseApiKeys(text: string | null): ProvisionedKey[] {
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('API_KEYS', 'is not valid JSON (expected an array of {"name", "key", "scopes"})');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('API_KEYS', 'must be a JSON array of {"name", "key", "scopes"}');
  const names = new Set<string>();
  return parsed.map((entry: unknown, i) => {
    const e = entry as Record<string, unknown>;
    const where = `entry ${i + 1}`;
    if (typeof e?.name !== 'string' || e.name.trim() === '') throw new ConfigError('API_KEYS', `${where} needs a "name"`);
    if (names.has(e.name)) throw new ConfigError('API_KEYS', `${where}: duplicate name "${e.name}"`);
    names.add(e.name);
    if (typeof e.key !== 'string' || e.key.length < 16) throw new ConfigError('API_KEYS', `${where} ("${e.name}") needs a "key" of at least 16 characters`);
    if (!Array.isArray(e.scopes) || e.scopes.length === 0 || e.scopes.some((s) => typeof s !== 'string' || (s !== ALL_SCOPES && !isScope(s)))) {
      throw new ConfigError('API_KEYS', `${where} ("${e.name}") needs "scopes": a list of known scopes or "*"`);
    }
    const rl = e.rateLimit as Partial<RateLimit> | undefined;
    if (rl !== undefined && !(Number.isInteger(rl?.perMinute) && rl!.perMinute! > 0 && Number.isInteger(rl?.burst) && rl!.burst! > 0)) {
      throw new ConfigError('API_KEYS', `${where} ("${e.name}"): "rateLimit" needs positive integers "perMinute" and "burst"`);
    }
    return { name: e.name, key: e.key, scopes: e.scopes as string[], rateLimit: (rl as RateLimit) ?? null };
  });
}
