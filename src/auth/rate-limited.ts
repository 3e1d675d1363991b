import { GraphQLError } from 'graphql';

/**
 * The RATE_LIMITED refusal: HTTP 429, with `extensions.retryAfter` and a `Retry-After` header (seconds)
 * when waiting helps; without them when it never will (more than the key's burst at once).
 */
export function rateLimited(message: string, retryAfter: number | null, extensions: Record<string, unknown> = {}): GraphQLError {
  const http = retryAfter === null ? { status: 429 } : { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) };
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', ...(retryAfter === null ? {} : { retryAfter }), ...extensions, http },
  });
}
