import type { IncomingMessage } from 'node:http';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config/tracing-config';
import type { VendorAdapter } from '../vendors/vendor';
import { traceGraphQLRequest } from './graphql-request-span';
import { instrumentAdapter } from './instrument-adapter';
import { createGatewayMetrics, type GatewayMetrics, type MetricSources } from './metrics';
import { createTracing, type Tracing } from './tracing';

/** One gateway's metrics and tracing, and the hooks that feed them. */
export interface Observability {
  metrics: GatewayMetrics;
  tracing: Tracing;
  /** A vendor adapter whose calls are measured and traced. */
  instrument(adapter: VendorAdapter): VendorAdapter;
  /** HTTP front hook: counts and times every answered request. */
  onResponse(info: { method: string; route: string; status: number; seconds: number }): void;
  /** HTTP front hook: runs a GraphQL execution inside its operation span. */
  traceGraphQL<T extends { status?: number }>(req: IncomingMessage, run: () => Promise<T>): Promise<T>;
}

/** Builds the gateway's observability; `exporter` replaces the configured span exporter (tests). */
export function createObservability(config: TracingConfig, sources: MetricSources, exporter?: SpanExporter): Observability {
  const metrics = createGatewayMetrics(sources);
  const tracing = createTracing(config, exporter);
  return {
    metrics,
    tracing,
    instrument: (adapter) => instrumentAdapter(adapter, metrics, tracing.recording ? tracing.tracer : null),
    onResponse({ method, route, status, seconds }) {
      metrics.httpRequests.inc({ method, route, status: String(status) });
      metrics.httpRequestDuration.observe({ method, route }, seconds);
    },
    traceGraphQL: (req, run) => (tracing.recording ? traceGraphQLRequest(tracing.tracer, req.headers, req.method ?? 'GET', run) : run()),
  };
}
