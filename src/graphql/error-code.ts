/**
 * Every `extensions.code` a client can receive, from GraphQL execution or from the HTTP layer's own
 * refusals. The values are a public contract: a code may be added, never renamed or removed, and
 * every code is listed in docs/api.md (a test holds the two to the same set).
 */
export const ErrorCode = {
  /** An argument or variable the gateway refuses; `extensions.field` names it when one field is at fault. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** No case by that id visible to the caller's key. */
  NOT_FOUND: 'NOT_FOUND',
  /** The same `caseNo` with a different input. */
  CONFLICT: 'CONFLICT',
  /** A missing, malformed, unknown, revoked or expired API key (HTTP 401). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The key lacks a scope the operation needs (HTTP 403). */
  FORBIDDEN: 'FORBIDDEN',
  /** Over the key's rate limit or its share of large bodies (HTTP 429, `retryAfter` when waiting helps). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Nested deeper than MAX_QUERY_DEPTH fields (HTTP 400). */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** Costs more than MAX_QUERY_COMPLEXITY (HTTP 400). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The `query` text is over MAX_QUERY_BYTES (HTTP 413, sent by the HTTP layer before parsing). */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** The query holds more than MAX_QUERY_TOKENS tokens: the parser stopped there (HTTP 400). */
  QUERY_TOO_MANY_TOKENS: 'QUERY_TOO_MANY_TOKENS',
  /** Explaining a decision with its policy took longer than its time budget. */
  POLICY_TOO_COSTLY: 'POLICY_TOO_COSTLY',
  /** The request body did not arrive within REQUEST_BODY_TIMEOUT_MS (HTTP 408, sent by the HTTP layer). */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** No room in the request-body budget in time (HTTP 503 with Retry-After, sent by the HTTP layer). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Anything unexpected; its message is fixed, so no vendor text, stack or secret reaches a client. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Produced by graphql-js and Apollo Server themselves (their ApolloServerErrorCode), passed on as they are.
  /** The query text does not parse. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The query does not validate against the schema. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is not a GraphQL request (a body that is not JSON, no `query`, a batch). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** `operationName` names no operation of the document, or the document holds several and none is named. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** An automatic persisted query hash the gateway has not seen. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Automatic persisted queries are turned off (they are on in this gateway: a client may still handle it). */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
