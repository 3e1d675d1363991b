import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { PolicyTooCostlyError } from '../decision/explanation/policy-too-costly';
import { ConflictError, NotFoundError } from '../orchestration/domain-errors';
import { InputError } from '../orchestration/input-error';
import { ErrorCode } from './error-code';
import { valueFreeMessage } from './value-free-message';

/**
 * Codes whose messages are safe to pass on: the gateway's own and those graphql-js and Apollo Server
 * produce themselves. INTERNAL_SERVER_ERROR is not: its message is replaced.
 */
const PASS_THROUGH: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

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
    const tokens = code === ErrorCode.GRAPHQL_PARSE_FAILED ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) {
      const maxTokens = Number(tokens[1]);
      return {
        message: `The query holds more than ${maxTokens} tokens; the limit is ${maxTokens}`,
        extensions: { code: ErrorCode.QUERY_TOO_MANY_TOKENS, maxTokens },
      };
    }
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
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
