import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../graphql/context';
import type { Logger } from '../logging/logger';
import { sampleJpeg } from '../simulators/sample-image';
import { BodyBudget, declaredBodyBytes } from './body-budget';
import { BodyTooLargeError, readBody } from './read-body';
import type { RouteHandler } from './route';

export interface HttpServerDeps {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  /** Builds the per-request context; `signal` aborts when the client goes away. */
  /** Builds the per-request context; throws a GraphQLError (401, 429) to refuse the request. */
  createContext: (requestId: string, signal: AbortSignal, headers: IncomingMessage['headers']) => Promise<GatewayContext>;
  /** Serve /samples/<scenario>.jpg (development only). */
  serveSamples: boolean;
  /** Extra GET routes by exact path (/metrics, /readyz, the playground); `/playground` also answers a browser's GET /graphql. */
  routes?: Readonly<Record<string, RouteHandler>>;
  /** Observes every answered request (metrics); `route` is the matched route, never the raw path. */
  onResponse?: (info: { method: string; route: string; status: number; seconds: number }) => void;
  /** Request-body bytes held at once; a POST past it waits its turn (see BodyBudget). */
  bodyBudget?: BodyBudget;
  /** Runs one GraphQL execution inside its trace span. */
  traceGraphQL?: <T extends { status?: number }>(req: IncomingMessage, run: () => Promise<T>) => Promise<T>;
}

/**
 * The gateway's HTTP front: GraphQL at /graphql (Apollo Server's executeHTTPGraphQLRequest, so body
 * limits and routes stay ours), /healthz, and in development the sample images.
 */
export function createGatewayHttpServer(deps: HttpServerDeps): Server {
  return createServer((req, res) => {
    if (deps.onResponse) observeResponse(req, res, deps, deps.onResponse);
    handle(req, res, deps).catch((error: unknown) => {
      deps.logger.error({ err: errorSummary(error) }, 'unhandled HTTP error');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  const playground = deps.routes?.['/playground'];
  if (url.pathname === '/graphql' && playground && isBrowserPageRequest(req, url)) return playground(req, res, url);
  if (url.pathname === '/graphql') {
    // Large bodies (base64 images) wait for room in the budget before they are read.
    const release = deps.bodyBudget && req.method === 'POST' ? await deps.bodyBudget.acquire(declaredBodyBytes(req)) : null;
    try {
      return await handleGraphQL(req, res, url, deps);
    } finally {
      release?.();
    }
  }
  if (url.pathname === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
  const route = deps.routes?.[url.pathname];
  if (route && (req.method === 'GET' || req.method === 'HEAD')) return route(req, res, url);
  const sample = /^\/samples\/([A-Za-z0-9:._+,-]+)\.jpe?g$/.exec(url.pathname);
  if (deps.serveSamples && sample && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(sampleJpeg(sample[1]));
    return;
  }
  sendJson(res, 404, { error: 'not found' });
}

async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, deps: HttpServerDeps): Promise<void> {
  const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'].slice(0, 64) : randomUUID();
  let body: unknown;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return sendJson(res, 413, { errors: [{ message: 'Request body is larger than 24 MiB', extensions: { code: 'BAD_USER_INPUT' } }] });
      }
      throw error;
    }
    const type = req.headers['content-type'] ?? '';
    if (type.includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    } else {
      body = text;
    }
    // Parsed: the raw text (megabytes with base64 images) must not live as long as the request does.
    text = '';
  }

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });

  const started = performance.now();
  const execute = () => deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => deps.createContext(requestId, aborted.signal, req.headers),
  });
  const result = await (deps.traceGraphQL ? deps.traceGraphQL(req, execute) : execute());
  res.statusCode = result.status ?? 200;
  for (const [key, value] of result.headers) res.setHeader(key, value);
  // Answers carry personal data: no browser, proxy or CDN may keep them.
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-request-id', requestId);
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
  deps.logger.info({ requestId, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request');
}

/** A browser opening /graphql (the playground), as opposed to a GraphQL GET request, which carries `query`. */
function isBrowserPageRequest(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

const FIXED_ROUTES = new Set(['/graphql', '/healthz']);

/** Reports the request once answered (or abandoned), labelled by route so raw paths never become label values. */
function observeResponse(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, onResponse: NonNullable<HttpServerDeps['onResponse']>): void {
  const started = performance.now();
  const path = new URL(req.url ?? '/', 'http://gateway').pathname;
  const route = FIXED_ROUTES.has(path) || deps.routes?.[path] ? path : path.startsWith('/samples/') ? '/samples' : 'unmatched';
  res.once('close', () => {
    onResponse({ method: req.method ?? 'GET', route, status: res.statusCode, seconds: (performance.now() - started) / 1000 });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Error name and code only: messages may carry vendor text or input. */
export function errorSummary(error: unknown): { name: string; code?: string } {
  const e = error as { name?: unknown; code?: unknown };
  return { name: typeof e?.name === 'string' ? e.name : 'Error', ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}
