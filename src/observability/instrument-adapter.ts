import { SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import type { VendorOutcome } from '../signals/model';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../vendors/vendor';
import type { GatewayMetrics } from './metrics';

/**
 * Wraps a vendor adapter so each call is one observation of ekyc_vendor_call_duration_seconds and,
 * when tracing records (`tracer` given), a CLIENT span (`vendor <VENDOR>`, parent: the operation that
 * caused it). The span is active while the adapter runs, so its HTTP requests carry it as
 * `traceparent`. Only the vendor, the status, the vendor's code and the latency are recorded: never
 * images, personal data or the vendor's text.
 */
export function instrumentAdapter(adapter: VendorAdapter, metrics: GatewayMetrics, tracer: Tracer | null): VendorAdapter {
  const vendor = adapter.vendor;

  const measured = async (request: VerificationRequest, callContext: VendorCallContext, span: Span | null): Promise<VendorOutcome> => {
    const started = performance.now();
    let status = 'FAILED';
    try {
      const outcome = await adapter.call(request, callContext);
      status = outcome.result.status;
      if (span) {
        if (outcome.result.errorCode !== null) span.setAttribute('ekyc.vendor.code', outcome.result.errorCode);
        if (status === 'FAILED' || status === 'TIMEOUT') span.setStatus({ code: SpanStatusCode.ERROR, message: status });
      }
      return outcome;
    } catch (error) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name ?? 'Error' });
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (span) {
        span.setAttribute('ekyc.vendor.status', status);
        span.setAttribute('ekyc.vendor.latency_ms', Math.round(seconds * 1000));
        span.end();
      }
      metrics.vendorCallDuration.observe({ vendor, status }, seconds);
    }
  };

  return {
    vendor,
    checks: adapter.checks,
    inputKey: (request) => adapter.inputKey(request),
    close: () => adapter.close(),
    call: (request, callContext) =>
      tracer
        ? tracer.startActiveSpan(`vendor ${vendor}`, { kind: SpanKind.CLIENT, attributes: { 'ekyc.vendor': vendor } }, (span) => measured(request, callContext, span))
        : measured(request, callContext, null),
  };
}
