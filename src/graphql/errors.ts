import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { PolicyTooCostlyError } from '../decision/explanation/policy-too-costly';
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
  /** The `query` text is over MAX_QUERY_BYTES (HTTP 413, sent by the HTTP layer before parsing). */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** The query holds more than MAX_QUERY_TOKENS tokens: the parser stopped there (HTTP 400). */
  QUERY_TOO_MANY_TOKENS: 'QUERY_TOO_MANY_TOKENS',
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

/** graphql-js's parser past `maxTokens` (16.x spells it "more that"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** graphql-js's suggestions end its message: ` Did you mean "caseNo" or "country"?`. */
const SUGGESTION = / ?Did you mean [\s\S]*\?$/;

export interface ErrorFormatterOptions {
  /**
   * Drop graphql-js's "Did you mean …?" suggestions (production): they list the schema's field,
   * argument, type and enum names to a client who guesses, introspection off or not.
   */
  hideSuggestions?: boolean;
}

/**
 * The one error normaliser: domain errors become their stable code; an error the gateway did not
 * mean to show becomes INTERNAL_SERVER_ERROR with a fixed message, so a vendor's message, a stack or
 * a secret never reaches a client. `report` receives the hidden errors for the log.
 */
export function createErrorFormatter(report: (error: unknown) => void, { hideSuggestions = false }: ErrorFormatterOptions = {}) {
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
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) {
      const maxTokens = Number(tokens[1]);
      return {
        message: `The query holds more than ${maxTokens} tokens; the limit is ${maxTokens}`,
        extensions: { code: ErrorCode.QUERY_TOO_MANY_TOKENS, maxTokens },
      };
    }
    if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      // graphql-js quotes refused values (images, names) in these messages: keep the path, drop the value.
      const valueFree = valueFreeMessage(formatted.message, (error as { originalError?: unknown } | null)?.originalError);
      const message = hideSuggestions ? valueFree.replace(SUGGESTION, '') : valueFree;
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
