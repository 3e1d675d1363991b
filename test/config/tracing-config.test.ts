import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error';
import { readTracingConfig } from '../../src/config/tracing-config';

describe('tracing configuration (OTEL_* variables)', () => {
  it('exports nothing by default', () => {
    expect(readTracingConfig({})).toEqual({ exporter: 'none', otlpTracesUrl: null, serviceName: 'ekyc-gateway' });
  });

  it('exports over OTLP/HTTP once an endpoint is set, to its /v1/traces', () => {
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toMatchObject({
      exporter: 'otlp',
      otlpTracesUrl: 'http://collector:4318/v1/traces',
    });
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318' }).otlpTracesUrl).toBe(
      'https://otel.example/traces',
    );
  });

  it('honours OTEL_TRACES_EXPORTER, with the specification’s local collector as the OTLP default', () => {
    expect(readTracingConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).otlpTracesUrl).toBe('http://localhost:4318/v1/traces');
    expect(readTracingConfig({ OTEL_TRACES_EXPORTER: 'console' }).exporter).toBe('console');
    expect(readTracingConfig({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).exporter).toBe('none');
    expect(readTracingConfig({ OTEL_SERVICE_NAME: 'kyc-eu' }).serviceName).toBe('kyc-eu');
  });

  it('names the variable of a bad value', () => {
    expect(() => readTracingConfig({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(new ConfigError('OTEL_TRACES_EXPORTER', 'must be none, otlp or console'));
    expect(() => readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(ConfigError);
  });
});
