import type { IncomingMessage, ServerResponse } from 'node:http';

/** An extra route of the HTTP front (metrics, readiness, playground), registered by exact path. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
