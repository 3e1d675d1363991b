import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { PolicyTooCostlyError } from '../decision/policy-too-costly';
import { ConflictError, NotFoundError } from '../orchestration/domain-errors';
import { InputError } from '../orchestration/input-error';
import { valueFreeMessage } from './value-free-message';

/** The stable `extensions.code` values clients can rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Explaining a decision with its policy took longer than its time budget. */
  POLICY_TOO_COSTLY: 'POLICY_TOO_COSTLY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** Codes graphql-js and Apollo Server produce themselves, whose messages are safe to pass on. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.values(ErrorCode),
]);

/**
 * The one error normaliser: domain errors become their stable code; an error the gateway did not
 * mean to show becomes INTERNAL_SERVER_ERROR with a fixed message, so a vendor's message, a stack or
 * a secret never reaches a client. `report` receives the hidden errors for the log.
 */
export function createErrorFormatter(report: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof InputError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: original.field },
      };
    }
    if (original instanceof PolicyTooCostlyError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.POLICY_TOO_COSTLY } };
    }
    if (original instanceof ConflictError || original instanceof NotFoundError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original instanceof ConflictError ? ErrorCode.CONFLICT : ErrorCode.NOT_FOUND },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      // graphql-js quotes refused values (images, names) in these messages: keep the path, drop the value.
      const message = valueFreeMessage(formatted.message, (error as { originalError?: unknown } | null)?.originalError);
      return { ...formatted, message, extensions };
    }
    report(original);
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
