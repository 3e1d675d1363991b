import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import type { ApiKeyStore } from './api-key-store';
import { hashApiKey } from './api-key';
import type { Principal } from './principal';
import { rateLimited } from './rate-limited';
import type { RateLimiter } from './rate-limiter';

/** How long a looked-up key is trusted before asking the database again (revocation delay). */
const CACHE_MS = 5_000;

/** One message for every authentication failure: it never says which part was wrong beyond the header form. */
function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Turns a request's `Authorization: Bearer <key>` or `x-api-key: <key>` header into a Principal,
 * then takes a token from the key's rate-limit bucket. Throws UNAUTHENTICATED (401) or RATE_LIMITED
 * (429, retry-after in extensions and header) as GraphQL errors, before any resolver runs.
 */
export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly limiter: RateLimiter,
  ) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const key = readKey(headers);
    const hash = hashApiKey(key);
    const now = Date.now();
    let cached = this.cache.get(hash);
    if (!cached || cached.until < now) {
      cached = { principal: await this.keys.authenticate(key), until: now + CACHE_MS };
      this.cache.set(hash, cached);
      if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    }
    if (!cached.principal) throw unauthenticated('The API key is unknown, revoked or expired');
    const retryAfter = this.limiter.take(cached.principal.keyId, cached.principal.rateLimit);
    if (retryAfter > 0) throw rateLimited('Rate limit exceeded for this API key', retryAfter);
    return cached.principal;
  }

  /** Forgets cached lookups (after a revocation in this process). */
  clear(): void {
    this.cache.clear();
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
