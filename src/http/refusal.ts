import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';

/**
 * Answers a GraphQL request the HTTP layer refuses itself (413, 408, 503, 500, and 401/429 before a
 * large body is read) in the shape Apollo Server gives its own errors: `{"errors":[{message, extensions}]}`,
 * with the error's `extensions.http` status and headers on the response, never in the body. Build the
 * error with gatewayError so its code is an ErrorCode.
 */
export function sendRefusal(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  res.writeHead(http?.status ?? 500, { 'content-type': 'application/json; charset=utf-8', ...Object.fromEntries(http?.headers ?? []) });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}
