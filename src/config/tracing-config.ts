import { ConfigError } from './config-error';
import { httpUrlVar, optionalVar } from './env-readers';

/** Where the gateway's OpenTelemetry spans go. */
export interface TracingConfig {
  /** `none` (the default): spans are not recorded, a caller's `traceparent` is still passed on to the vendors. */
  exporter: 'none' | 'otlp' | 'console';
  /** The OTLP/HTTP traces endpoint (…/v1/traces); set whenever `exporter` is `otlp`. */
  otlpTracesUrl: string | null;
  /** `service.name` of the spans (OTEL_SERVICE_NAME). */
  serviceName: string;
}

const EXPORTERS = ['none', 'otlp', 'console'] as const;
/** The OTLP/HTTP default of the OpenTelemetry specification (a collector on this host). */
const DEFAULT_OTLP_TRACES_URL = 'http://localhost:4318/v1/traces';

/**
 * Reads the standard OpenTelemetry variables. Unlike the SDK's own default (otlp), nothing is exported
 * unless asked for: OTEL_TRACES_EXPORTER=otlp|console, or an OTLP endpoint is set.
 */
export function readTracingConfig(env: NodeJS.ProcessEnv): TracingConfig {
  const tracesUrl = httpUrlVar(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseUrl = httpUrlVar(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const otlpTracesUrl = tracesUrl ?? (baseUrl === null ? null : `${baseUrl}/v1/traces`);
  const named = optionalVar(env, 'OTEL_TRACES_EXPORTER');
  if (named !== null && !(EXPORTERS as readonly string[]).includes(named)) {
    throw new ConfigError('OTEL_TRACES_EXPORTER', 'must be none, otlp or console');
  }
  const exporter = (named ?? (otlpTracesUrl === null ? 'none' : 'otlp')) as TracingConfig['exporter'];
  return {
    exporter,
    otlpTracesUrl: exporter === 'otlp' ? (otlpTracesUrl ?? DEFAULT_OTLP_TRACES_URL) : otlpTracesUrl,
    serviceName: optionalVar(env, 'OTEL_SERVICE_NAME') ?? 'ekyc-gateway',
  };
}
