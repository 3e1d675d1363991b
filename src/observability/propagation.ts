import { ROOT_CONTEXT, context, defaultTextMapGetter, defaultTextMapSetter, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * W3C Trace Context (`traceparent`, `tracestate`) in and out. Used directly rather than through the
 * API's global propagator, so it works whatever else the process registered.
 */
const w3c = new W3CTraceContextPropagator();

/** The caller's trace context from a request's headers (the root context when it sent none or a malformed one). */
export function extractTraceContext(headers: IncomingHttpHeaders): Context {
  return w3c.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

/**
 * The caller's `traceparent` (and `tracestate`) as headers to pass on to vendors, or undefined when it
 * sent none or a malformed one: what a non-recording span would propagate, without needing one.
 */
export function callerTraceHeaders(headers: IncomingHttpHeaders): Record<string, string> | undefined {
  if (headers.traceparent === undefined) return undefined;
  const carrier: Record<string, string> = {};
  w3c.inject(extractTraceContext(headers), carrier, defaultTextMapSetter);
  return carrier.traceparent ? carrier : undefined;
}

/** Adds `traceparent` (and `tracestate`) for the active span to outgoing request headers; nothing without one. */
export function injectTraceContext(headers: Record<string, string>): void {
  w3c.inject(context.active(), headers, defaultTextMapSetter);
}
