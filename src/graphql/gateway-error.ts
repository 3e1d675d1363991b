import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-code';

export interface GatewayErrorOptions {
  /** Further `extensions` beside `code` (a limit, the field at fault); `code` and `http` are set here. */
  extensions?: Readonly<Record<string, unknown>> & { code?: never; http?: never };
  /** The HTTP status Apollo Server (or the HTTP layer's refusal) answers with; unset: Apollo's own. */
  status?: number;
  /** Response headers sent with the refusal (`retry-after`). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The one way the gateway builds an error a client sees: `extensions.code` is always an ErrorCode, and
 * the status and headers ride in `extensions.http`, which Apollo Server (and sendRefusal) turn into
 * the HTTP answer and never send in the body.
 */
export function gatewayError(code: ErrorCode, message: string, { extensions = {}, status, headers }: GatewayErrorOptions = {}): GraphQLError {
  const http = {
    ...(status === undefined ? {} : { status }),
    ...(headers === undefined ? {} : { headers: new Map(Object.entries(headers)) }),
  };
  return new GraphQLError(message, { extensions: { code, ...extensions, ...(Object.keys(http).length > 0 ? { http } : {}) } });
}
