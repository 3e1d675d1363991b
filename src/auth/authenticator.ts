import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLError } from 'graphql';
import { ErrorCode } from '../graphql/error-code';
import { gatewayError } from '../graphql/gateway-error';
import type { ApiKeyStore } from './api-key-store';
import { hashApiKey } from './api-key';
import { FailedKeyCache } from './failed-key-cache';
import type { Principal } from './principal';
import { rateLimited } from './rate-limited';
import type { RateLimiter } from './rate-limiter';

/** How long a looked-up key is trusted before asking the database again (revocation delay). */
const CACHE_MS = 5_000;

export interface AuthenticatorOptions {
  /**
   * How long a key that failed is refused without asking the database again (AUTH_FAILURE_CACHE_MS):
   * a key created or re-enabled elsewhere after a failed attempt with it works once this has passed.
   */
  failureCacheMs: number;
  /** Keys remembered at once by each cache, the usable and the failed (default 10,000). */
  maxCachedKeys?: number;
  /** Observes each database lookup: `found` a usable key, `refused` an unknown, revoked or expired one. */
  onLookup?: (result: 'found' | 'refused') => void;
}

/** One message for every authentication failure: it never says which part was wrong beyond the header form. */
function unauthenticated(message: string): GraphQLError {
  return gatewayError(ErrorCode.UNAUTHENTICATED, message, { status: 401 });
}

/**
 * Turns a request's `Authorization: Bearer <key>` or `x-api-key: <key>` header into a Principal,
 * then takes a token from the key's rate-limit bucket. Throws UNAUTHENTICATED (401) or RATE_LIMITED
 * (429, retry-after in extensions and header) as GraphQL errors, before any resolver runs.
 * Usable keys are trusted for CACHE_MS and failed ones refused for `failureCacheMs` without a lookup,
 * in two bounded caches, so a flood of wrong keys can never push the known keys out.
 */
export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly failed: FailedKeyCache;
  private readonly maxCachedKeys: number;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly limiter: RateLimiter,
    private readonly options: AuthenticatorOptions,
  ) {
    this.maxCachedKeys = options.maxCachedKeys ?? 10_000;
    this.failed = new FailedKeyCache(options.failureCacheMs, this.maxCachedKeys);
  }

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const principal = await this.principalOf(readKey(headers));
    if (!principal) throw unauthenticated('The API key is unknown, revoked or expired');
    const retryAfter = this.limiter.take(principal.keyId, principal.rateLimit);
    if (retryAfter > 0) throw rateLimited('Rate limit exceeded for this API key', retryAfter);
    return principal;
  }

  /** The key's principal, from the caches or else the database; null when it cannot authenticate. */
  private async principalOf(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until >= now) return cached.principal;
    if (this.failed.has(hash)) return null;
    const principal = await this.keys.authenticate(key);
    this.options.onLookup?.(principal ? 'found' : 'refused');
    if (!principal) {
      this.cache.delete(hash);
      this.failed.add(hash);
      return null;
    }
    this.cache.delete(hash);
    this.cache.set(hash, { principal, until: now + CACHE_MS });
    if (this.cache.size > this.maxCachedKeys) this.cache.delete(this.cache.keys().next().value!);
    return principal;
  }

  /** Forgets cached lookups (after a revocation in this process). */
  clear(): void {
    this.cache.clear();
    this.failed.clear();
  }
}

function readKey(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization;
  const apiKey = headers['x-api-key'];
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('Send the API key as "Authorization: Bearer <key>" or "x-api-key: <key>"');
    return match[1]!;
  }
  if (typeof apiKey === 'string' && apiKey.trim() !== '') return apiKey.trim();
  throw unauthenticated('An API key is required: "Authorization: Bearer <key>" or "x-api-key: <key>"');
}
