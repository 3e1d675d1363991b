import { SpanKind, context, type Tracer } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import { extractTraceContext } from './propagation';
import { inSpan, withTracer } from './tracing';

/**
 * Runs one GraphQL execution inside its operation span: a SERVER span whose parent is the caller's
 * `traceparent` (a new trace without one), active for everything the operation does, so vendor calls
 * and the policy evaluation become its children. operationSpanPlugin names it once the operation is known.
 */
export function traceGraphQLRequest<T extends { status?: number }>(tracer: Tracer, headers: IncomingHttpHeaders, method: string, run: () => Promise<T>): Promise<T> {
  return context.with(extractTraceContext(headers), () =>
    withTracer(tracer, () =>
      inSpan('graphql', { kind: SpanKind.SERVER, tracer, attributes: { 'http.request.method': method, 'url.path': '/graphql' } }, async (span) => {
        const result = await run();
        span.setAttribute('http.response.status_code', result.status ?? 200);
        return result;
      }),
    ),
  );
}
