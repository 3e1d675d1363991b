import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/principal';
import { rateLimited } from '../auth/rate-limited';
import type { GatewayContext } from '../graphql/context';
import { ErrorCode } from '../graphql/error-code';
import { gatewayError } from '../graphql/gateway-error';
import type { Logger } from '../logging/logger';
import { timeoutSignal } from '../vendors/timeout-signal';
import { BodyBudget, declaredBodyBytes } from './body-budget';
import { capConnections, connectionServerOptions, type ConnectionLimits } from './connection-limits';
import { oversizedQueryBytes } from './query-size';
import { BodyAbortedError, BodyTimeoutError, BodyTooLargeError, MAX_REQUEST_BYTES, readBody } from './read-body';
import { sendRefusal } from './refusal';
import type { RouteHandler } from './route';

export interface HttpServerDeps {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  /**
   * Builds the per-request context. It is not tied to the client's connection: a verification whose
   * client went away still completes and is stored. `principal` is the caller when `authenticate`
   * already checked the key (a large body); otherwise the context checks it, and throws a GraphQLError
   * (401, 429) to refuse the request.
   */
  createContext: (requestId: string, headers: IncomingMessage['headers'], principal?: Principal) => Promise<GatewayContext>;
  /** Checks a request's API key (and takes its rate-limit token); throws a GraphQLError (401, 429) to refuse it. */
  authenticate: (headers: IncomingMessage['headers']) => Promise<Principal>;
  /** Serves /samples/<scenario>.jpg (development with simulators only; the simulators' sample images). */
  samples: ((scenario: string) => Buffer) | null;
  /** Extra GET routes by exact path (/metrics, /readyz, the playground); `/playground` also answers a browser's GET /graphql. */
  routes?: Readonly<Record<string, RouteHandler>>;
  /** Observes every answered request (metrics); `route` is the matched route, never the raw path. */
  onResponse?: (info: { method: string; route: string; status: number; seconds: number }) => void;
  /** Request-body bytes held at once, and by one key; a POST past either waits its turn (see BodyBudget). */
  bodyBudget?: BodyBudget;
  /** A POST body must arrive within this long (else 408), and a large one waits at most this long for the budget (else 503). */
  bodyTimeoutMs: number;
  /** Header and keep-alive timeouts and the connection cap (HTTP_* settings). */
  connections: Omit<ConnectionLimits, 'bodyTimeoutMs'>;
  /** Largest `query` text accepted (UTF-8 bytes), refused with 413 QUERY_TOO_LARGE before it is parsed. */
  maxQueryBytes: number;
  /** Runs one GraphQL execution inside its trace span. */
  traceGraphQL?: <T extends { status?: number }>(req: IncomingMessage, run: () => Promise<T>) => Promise<T>;
}

/**
 * The gateway's HTTP front: GraphQL at /graphql (Apollo Server's executeHTTPGraphQLRequest, so body
 * limits and routes stay ours), /healthz, and in development the sample images.
 */
export function createGatewayHttpServer(deps: HttpServerDeps): Server {
  const limits = { ...deps.connections, bodyTimeoutMs: deps.bodyTimeoutMs };
  const server = createServer(connectionServerOptions(limits), (req, res) => {
    if (deps.onResponse) observeResponse(req, res, deps, deps.onResponse);
    handle(req, res, deps).catch((error: unknown) => {
      deps.logger.error({ err: errorSummary(error) }, 'unhandled HTTP error');
      if (!res.headersSent) sendRefusal(res, gatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', { status: 500 }));
      else res.end();
    });
  });
  capConnections(server, limits);
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  const playground = deps.routes?.['/playground'];
  if (url.pathname === '/graphql' && playground && isBrowserPageRequest(req, url)) return playground(req, res, url);
  if (url.pathname === '/graphql') return handleGraphQL(req, res, url, deps);
  if (url.pathname === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
  const route = deps.routes?.[url.pathname];
  if (route && (req.method === 'GET' || req.method === 'HEAD')) return route(req, res, url);
  const sample = /^\/samples\/([A-Za-z0-9:._+,-]+)\.jpe?g$/.exec(url.pathname);
  if (deps.samples && sample && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(deps.samples(sample[1]!));
    return;
  }
  sendJson(res, 404, { error: 'not found' });
}

async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, deps: HttpServerDeps): Promise<void> {
  const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'].slice(0, 64) : randomUUID();
  // Answers carry personal data: no browser, proxy or CDN may keep them (refusals included).
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-request-id', requestId);
  // Aborts once the client has gone away without its answer: a wait for the body budget ends with it.
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort(new BodyAbortedError('the client went away'));
  });
  // The body budget's reservation, given back (once) however the request ends: answered, refused,
  // failed, or abandoned by its client mid-body.
  let release: (() => void) | null = null;
  try {
    let body: unknown;
    let principal: Principal | undefined;
    if (req.method === 'POST') {
      if (Number(req.headers['content-length']) > MAX_REQUEST_BYTES) return refuseTooLarge(req, res);
      const bytes = declaredBodyBytes(req);
      if (deps.bodyBudget?.reserves(bytes)) {
        // Only a known caller may hold part of the budget: the key is checked before anything is
        // reserved or read, and a refused request's body is never buffered.
        principal = await authenticateEarly(req, res, deps);
        if (!principal) return;
        release = await reserve(deps.bodyBudget, bytes, principal.keyId, res, aborted.signal, deps.bodyTimeoutMs);
        if (!release) return;
      }
      let text = await readRequestBody(req, res, deps.bodyTimeoutMs);
      if (text === null) return;
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          return sendRefusal(res, gatewayError(ErrorCode.BAD_REQUEST, 'Request body is not valid JSON', { status: 400 }));
        }
      } else {
        body = text;
      }
      // Parsed: the raw text (megabytes with base64 images) must not live as long as the request does.
      text = null;
    }
    const queryBytes = oversizedQueryBytes(req.method ?? 'GET', body, url, deps.maxQueryBytes);
    if (queryBytes !== null) {
      const message = `The query is ${queryBytes} bytes; the limit is ${deps.maxQueryBytes}`;
      const extensions = { queryBytes, maxQueryBytes: deps.maxQueryBytes };
      return sendRefusal(res, gatewayError(ErrorCode.QUERY_TOO_LARGE, message, { extensions, status: 413 }));
    }
    await executeGraphQL(req, res, url, deps, { requestId, body, principal });
  } finally {
    release?.();
  }
}

async function executeGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: HttpServerDeps,
  request: { requestId: string; body: unknown; principal: Principal | undefined },
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const started = performance.now();
  const execute = () =>
    deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: request.body },
      context: () => deps.createContext(request.requestId, req.headers, request.principal),
    });
  const result = await (deps.traceGraphQL ? deps.traceGraphQL(req, execute) : execute());
  res.statusCode = result.status ?? 200;
  for (const [key, value] of result.headers) res.setHeader(key, value);
  // Whatever Apollo's headers said: answers carry personal data.
  res.setHeader('cache-control', 'no-store');
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
  deps.logger.info({ requestId: request.requestId, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request');
}

function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  // Drained, not kept, so the client can read its answer (no reservation, no key check needed).
  req.resume();
  sendRefusal(res, gatewayError(ErrorCode.BAD_USER_INPUT, 'Request body is larger than 24 MiB', { status: 413 }));
}

/** The caller of a large POST, or undefined once a 401/429 has been sent. */
async function authenticateEarly(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps): Promise<Principal | undefined> {
  try {
    return await deps.authenticate(req.headers);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    sendRefusal(res, error);
    return undefined;
  }
}

/** Seconds a request turned away by a full budget is told to wait: about one verification's time. */
const BUDGET_RETRY_AFTER_SECONDS = 5;

/**
 * Waits for room in the budget and in the key's share of it, at most `waitMs`: then 429 (the key is
 * over its share) or 503 (the budget is full), with Retry-After, so requests queued behind slow ones are answered rather than held up to Node's request
 * timeout. Null when refused or when the client went away while waiting (its place in the queue is
 * given up).
 */
async function reserve(budget: BodyBudget, bytes: number, keyId: string, res: ServerResponse, gone: AbortSignal, waitMs: number): Promise<(() => void) | null> {
  const wait = timeoutSignal(waitMs, () => new Error('waited too long for the body budget'), gone);
  try {
    return await budget.acquire(bytes, wait.signal, keyId);
  } catch (error) {
    if (!wait.timedOut()) {
      if (gone.aborted) return null;
      throw error;
    }
    // Still over its own share: this key's large requests are what it waits behind (429); else the
    // gateway is busy with everyone's (503).
    if (budget.heldBackByShare(keyId, bytes)) {
      sendRefusal(res, rateLimited('This API key already has its share of large request bodies in flight; retry later', BUDGET_RETRY_AFTER_SECONDS));
      return null;
    }
    const busy = gatewayError(ErrorCode.SERVICE_UNAVAILABLE, 'The gateway is busy with other large requests; retry later', {
      extensions: { retryAfter: BUDGET_RETRY_AFTER_SECONDS },
      status: 503,
      headers: { 'retry-after': String(BUDGET_RETRY_AFTER_SECONDS) },
    });
    sendRefusal(res, busy);
    return null;
  } finally {
    wait.dispose();
  }
}

/** The body as text, or null once refused (413, 408) or when its client went away mid-body. */
async function readRequestBody(req: IncomingMessage, res: ServerResponse, timeoutMs: number): Promise<string | null> {
  try {
    return await readBody(req, { timeoutMs });
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      refuseTooLarge(req, res);
    } else if (error instanceof BodyTimeoutError) {
      // The rest of the body may still come: the connection cannot carry another request.
      const message = `Request body did not arrive within ${timeoutMs} ms`;
      sendRefusal(res, gatewayError(ErrorCode.REQUEST_TIMEOUT, message, { status: 408, headers: { connection: 'close' } }));
    } else if (!(error instanceof BodyAbortedError)) {
      throw error;
    }
    return null;
  }
}

/** A browser opening /graphql (the playground), as opposed to a GraphQL GET request, which carries `query`. */
function isBrowserPageRequest(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

const FIXED_ROUTES = new Set(['/graphql', '/healthz']);
const CLIENT_CLOSED_REQUEST = 499;

/** Reports the request once answered (or abandoned), labelled by route so raw paths never become label values. */
function observeResponse(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, onResponse: NonNullable<HttpServerDeps['onResponse']>): void {
  const started = performance.now();
  const path = new URL(req.url ?? '/', 'http://gateway').pathname;
  const route = FIXED_ROUTES.has(path) || deps.routes?.[path] ? path : path.startsWith('/samples/') ? '/samples' : 'unmatched';
  res.once('close', () => {
    // Closed before the answer was sent (the client or a proxy gave up): 499, as nginx logs it, not the
    // 200 the response object defaults to, so timeouts upstream do not look like successes.
    const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
    onResponse({ method: req.method ?? 'GET', route, status, seconds: (performance.now() - started) / 1000 });
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
