import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INNOV8TIF_SIMULATOR_API_KEY } from '../../src/simulators/innov8tif/credentials';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { VENDOR_MODULES } from '../../src/vendors/registry';
import { khInput } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { SIMULATOR_MODULES } from '../../src/simulators/registry';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;

/**
 * OpenTelemetry spans of a real verification over HTTP, captured with an in-memory exporter; Innov8tif
 * is reached through a recording proxy to see the `traceparent` a vendor receives.
 */
describe('traces', () => {
  let simulator: RunningSimulator;
  let proxy: RecordingProxy;
  let gw: TestGateway;
  let untraced: TestGateway;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    simulator = await SIMULATOR_MODULES.INNOV8TIF.start();
    proxy = await startRecordingProxy(simulator.url);
    const viaProxy = { INNOV8TIF_BASE_URL: proxy.url, INNOV8TIF_API_KEY: INNOV8TIF_SIMULATOR_API_KEY };
    gw = await startTestGateway(viaProxy, { traceExporter: exporter });
    untraced = await startTestGateway(viaProxy);
  });
  afterAll(async () => {
    await Promise.all([gw?.close(), untraced?.close()]);
    await proxy?.close();
    await simulator?.close();
  });

  const verify = async (target: TestGateway, caseNo: string, headers: Record<string, string> = {}) => {
    const res = await target.gql(VERIFY, { input: khInput(caseNo) }, { headers });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyIdentity;
  };
  const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('continues the caller’s trace: an operation span with one child span per called vendor and the policy evaluation', async () => {
    exporter.reset();
    proxy.headers.length = 0;
    const identity = await verify(gw, 'trace-kh', { traceparent: TRACEPARENT });
    expect(identity.decision.outcome).toBe('APPROVE');

    const spans = spansOf(TRACE_ID);
    const operation = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(operation.name).toBe('mutation Verify');
    expect(parentOf(operation)).toBe(CALLER_SPAN_ID);
    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Verify', 'http.response.status_code': 200 });

    const vendorSpans = spans.filter((s) => s.name.startsWith('vendor '));
    expect(vendorSpans.map((s) => s.name).sort()).toEqual(['vendor ADVANCE_AI', 'vendor HUAWEI_OCR', 'vendor INNOV8TIF']);
    for (const span of vendorSpans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(span)).toBe(operation.spanContext().spanId);
      expect(span.attributes['ekyc.vendor.status']).toBe('OK');
      expect(span.attributes['ekyc.vendor.latency_ms']).toBeGreaterThanOrEqual(0);
      const result = identity.vendorResults.find((r: any) => `vendor ${r.vendor}` === span.name);
      expect(span.attributes['ekyc.vendor']).toBe(result.vendor);
    }

    const policy = spans.filter((s) => s.name === 'policy.evaluate');
    expect(policy).toHaveLength(1);
    expect(parentOf(policy[0]!)).toBe(operation.spanContext().spanId);
    expect(policy[0]!.attributes).toMatchObject({ 'ekyc.decision.outcome': 'APPROVE', 'ekyc.policy.version': identity.decision.policyVersion });

    // The vendor received the trace, with its own vendor span as the parent.
    const innov8tif = vendorSpans.find((s) => s.name === 'vendor INNOV8TIF')!;
    expect(proxy.headers.map((h) => h.traceparent)).toEqual([`00-${TRACE_ID}-${innov8tif.spanContext().spanId}-01`]);
  });

  it('records no personal data and no image in any span', async () => {
    const identity = await verify(gw, 'trace-pii', { traceparent: `00-${'1'.repeat(32)}-${CALLER_SPAN_ID}-01` });
    const recorded = JSON.stringify(spansOf('1'.repeat(32)).map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    for (const value of [identity.document.idNumber.value, identity.document.fullName.value, identity.document.birthDate.value, 'base64', '/9j/']) {
      expect(recorded).not.toContain(value);
    }
    expect(recorded).toContain('vendor HUAWEI_OCR');
  });

  it('starts a new trace when the caller sends none', async () => {
    exporter.reset();
    await verify(gw, 'trace-new');
    const operation = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(operation.parentSpanContext).toBeUndefined();
    const traceId = operation.spanContext().traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(spansOf(traceId).filter((s) => s.name.startsWith('vendor '))).toHaveLength(3);
  });

  it('with no exporter configured (the default), still passes the caller’s trace on to the vendors', async () => {
    proxy.headers.length = 0;
    exporter.reset();
    await verify(untraced, 'trace-off', { traceparent: TRACEPARENT });
    expect(proxy.headers).toHaveLength(1);
    expect(proxy.headers[0]!.traceparent).toBe(TRACEPARENT);
    expect(exporter.getFinishedSpans()).toEqual([]); // that gateway exports nowhere
  });
});
