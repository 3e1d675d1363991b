import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';

/**
 * Answers a GraphQL request the HTTP layer refuses itself (413, 408, 503, and 401/429 before a large
 * body is read) in the shape Apollo Server gives its own errors: `{"errors":[{message, extensions}]}`.
 */
export function sendRefusal(
  res: ServerResponse,
  status: number,
  error: { message: string; extensions: Record<string, unknown> },
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
}

/**
 * Answers a refusal the authenticator threw (UNAUTHENTICATED, RATE_LIMITED) as Apollo Server answers
 * it from the context: its `extensions.http` status and headers on the response, not in the body.
 */
export function sendGraphQLRefusal(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  sendRefusal(res, http?.status ?? 500, { message: error.message, extensions }, Object.fromEntries(http?.headers ?? []));
}
