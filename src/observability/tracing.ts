import { SpanStatusCode, context, createContextKey, trace, type Attributes, type Span, type SpanKind, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../config/tracing-config';
import { ensureContextManager } from './context-manager';

const TRACER_NAME = 'ekyc-gateway';
const TRACER_KEY = createContextKey('ekyc-gateway tracer');

/** One gateway's tracer and how to flush it. */
export interface Tracing {
  tracer: Tracer;
  /** Whether spans are recorded at all (an exporter is configured). */
  recording: boolean;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * A tracer per gateway (not the API's global provider), so several gateways in one process each export
 * to their own place. With no exporter nothing is traced at all (no spans, no active context: the
 * async-local storage that carries it costs every promise of the process); the caller's `traceparent`
 * then reaches the vendors through VendorCallContext.traceHeaders instead.
 */
export function createTracing(config: TracingConfig, exporter?: SpanExporter): Tracing {
  const processor = spanProcessor(config, exporter);
  if (processor) ensureContextManager();
  if (!processor) {
    return { tracer: trace.getTracerProvider().getTracer(TRACER_NAME), recording: false, shutdown: async () => undefined };
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [processor],
  });
  return { tracer: provider.getTracer(TRACER_NAME), recording: true, shutdown: () => provider.shutdown() };
}

function spanProcessor(config: TracingConfig, exporter: SpanExporter | undefined): SpanProcessor | null {
  if (exporter) return new SimpleSpanProcessor(exporter);
  if (config.exporter === 'otlp') return new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesUrl! }));
  if (config.exporter === 'console') return new SimpleSpanProcessor(new ConsoleSpanExporter());
  return null;
}

/**
 * Runs `fn` with `tracer` as the one code deeper down uses (activeTracer): the policy evaluation does
 * not know which gateway it runs in, the context does.
 */
export function withTracer<T>(tracer: Tracer, fn: () => T): T {
  return context.with(context.active().setValue(TRACER_KEY, tracer), fn);
}

/** The tracer of the gateway serving the current operation; the API's global one outside any. */
function activeTracer(): Tracer {
  return (context.active().getValue(TRACER_KEY) as Tracer | undefined) ?? trace.getTracer(TRACER_NAME);
}

/**
 * Runs `fn` inside a new active span: ended when `fn` settles, status ERROR (with the error's name
 * only, never its message) when it throws.
 */
export async function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes; tracer?: Tracer }, fn: (span: Span) => Promise<T>): Promise<T> {
  const tracer = options.tracer ?? activeTracer();
  return tracer.startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name ?? 'Error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
