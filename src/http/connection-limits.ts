import type { Server, ServerOptions } from 'node:http';

/** What the HTTP server allows one client connection: how long it may take, how many there are. */
export interface ConnectionLimits {
  /** A request's headers must all arrive within this long, else 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; one more is closed as soon as it is accepted. */
  maxConnections: number;
  /** A request body must arrive within this long (REQUEST_BODY_TIMEOUT_MS), after waiting at most as long for the body budget. */
  bodyTimeoutMs: number;
}

/** Requests one keep-alive connection may carry; the answer to the last says `connection: close`. */
const MAX_REQUESTS_PER_SOCKET = 1_000;

/**
 * Node's timeouts for the gateway's server. Node checks them only every `connectionsCheckingInterval`
 * (30 s by default, so a header timeout of 60 s held a client trickling its headers 60 to 90 s): here
 * every second, or sooner for a shorter header timeout. A whole request may take its headers, the wait
 * for the body budget and the body's arrival: the gateway's own 503 and 408 answer before Node's 408.
 */
export function connectionServerOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.headersTimeoutMs + 2 * limits.bodyTimeoutMs + 1_000,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/** The connection cap and the keep-alive request cap, which are properties rather than options. */
export function capConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  server.maxRequestsPerSocket = MAX_REQUESTS_PER_SOCKET;
  // Node may not set it from the options on every version: the property is what it reads.
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
}
