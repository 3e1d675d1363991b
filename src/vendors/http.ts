import { Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { injectTraceContext } from '../observability/propagation';
import { BodyParts } from './body-parts';
import { discardBody } from './discard-body';
import { observedResponse, type AttemptObservation } from './resilience/attempt-probe';
import { timeoutSignal } from './timeout-signal';

/** Largest vendor response body read (Huawei may return a portrait in base64). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The vendor did not answer within its deadline. */
export class VendorTimeoutError extends Error {
  override readonly name = 'VendorTimeoutError';
  readonly code = 'TIMEOUT';
}

/** The vendor could not be reached or the connection broke (reset, refused, body too large). */
export class VendorTransportError extends Error {
  override readonly name = 'VendorTransportError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface VendorHttpRequest {
  method: 'GET' | 'POST';
  /** The vendor's documented path, appended to the base URL's own path. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body already serialised, or as parts around the caller's base64 (sent without copying it). */
  body?: string | BodyParts;
  signal: AbortSignal;
  /** The caller's W3C trace headers, sent when no span of ours is active. */
  traceHeaders?: Readonly<Record<string, string>>;
}

export interface VendorHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** What the transport saw of this exchange (status, Retry-After), for the retry policy. */
  observed: AttemptObservation;
}

/**
 * One keep-alive undici pool per vendor base URL, with the vendor's own deadline. Every failure
 * becomes a VendorTimeoutError or a VendorTransportError with a stable code; HTTP error statuses are
 * returned, not thrown, because vendors put their error codes in 4xx/5xx bodies. What the transport
 * saw travels back with the answer (`observed`) or in the error (its `code`), never through shared state.
 */
export class VendorHttpClient {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
    /** Calls in flight to one vendor at most; more wait for a free connection (within their deadline). */
    connections = 128,
  ) {
    const url = new URL(baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections,
      keepAliveTimeout: 30_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connectTimeout: Math.min(timeoutMs, 10_000),
    });
  }

  async request(req: VendorHttpRequest): Promise<VendorHttpResponse> {
    // Aborted by the vendor's timeout or the caller's signal.
    const timeout = timeoutSignal(this.timeoutMs, () => new VendorTimeoutError('vendor did not answer before the deadline'), req.signal);
    const search = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-type'] ??= 'application/json';
    if (req.body instanceof BodyParts) headers['content-length'] = String(req.body.byteLength);
    // W3C traceparent of the active vendor-call span, so the vendor's side joins the caller's trace.
    injectTraceContext(headers);
    if (headers.traceparent === undefined && req.traceHeaders) Object.assign(headers, req.traceHeaders);
    try {
      const res = await this.pool.request({
        method: req.method,
        path: `${this.basePath}${req.path}${search}`,
        headers,
        body: req.body instanceof BodyParts ? req.body.payload() : req.body,
        signal: timeout.signal,
      });
      const observed = observedResponse(res.statusCode, res.headers);
      const text = await readLimited(res.body);
      return { status: res.statusCode, headers: res.headers, text, json: parseJson(text), observed };
    } catch (error) {
      throw toVendorError(error, timeout.timedOut() || req.signal.aborted);
    } finally {
      timeout.dispose();
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

async function readLimited(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_RESPONSE_BYTES) {
      discardBody(body);
      throw new VendorTransportError('RESPONSE_TOO_LARGE', 'vendor response exceeded the size limit');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toVendorError(error: unknown, deadlinePassed: boolean): Error {
  if (error instanceof VendorTransportError) return error;
  if (deadlinePassed || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
    return new VendorTimeoutError('vendor did not answer before the deadline');
  }
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'NETWORK_ERROR';
  return new VendorTransportError(code, 'vendor could not be reached');
}
