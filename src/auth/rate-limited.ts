import type { GraphQLError } from 'graphql';
import { ErrorCode } from '../graphql/error-code';
import { gatewayError, type GatewayErrorOptions } from '../graphql/gateway-error';

/**
 * The RATE_LIMITED refusal: HTTP 429, with `extensions.retryAfter` and a `Retry-After` header (seconds)
 * when waiting helps; without them when it never will (more than the key's burst at once).
 */
export function rateLimited(message: string, retryAfter: number | null, extensions: GatewayErrorOptions['extensions'] = {}): GraphQLError {
  return gatewayError(ErrorCode.RATE_LIMITED, message, {
    extensions: { ...(retryAfter === null ? {} : { retryAfter }), ...extensions },
    status: 429,
    ...(retryAfter === null ? {} : { headers: { 'retry-after': String(retryAfter) } }),
  });
}
