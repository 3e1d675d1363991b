import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput, waitFor } from '../support/e2e';
import { startTestGateway, TEST_ADMIN_KEY, VERIFY, type TestGateway } from '../support/gateway';
import { scrape } from '../support/prometheus-text';

/** /metrics of a real gateway, in the Prometheus text format, after real verifications over HTTP. */
describe('Prometheus metrics', () => {
  let gw: TestGateway;
  let other: TestGateway;
  beforeAll(async () => {
    [gw, other] = await Promise.all([startTestGateway(), startTestGateway()]);
  });
  afterAll(async () => {
    await Promise.all([gw?.close(), other?.close()]);
  });

  const verify = async (input: Record<string, unknown>) => {
    const res = await gw.gql(VERIFY, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyIdentity;
  };

  it('starts with the series a dashboard needs, at zero', async () => {
    const m = await scrape(gw.url);
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(m.value('ekyc_verifications_total')).toBeUndefined();
    expect(m.value('ekyc_policy_reloads_total', { result: 'success' })).toBe(0);
    expect(m.value('ekyc_policy_reloads_total', { result: 'failure' })).toBe(0);
    expect(m.value('ekyc_pending_cases')).toBe(0);
    expect(m.value('ekyc_policy_info', { version: gw.policies.policy.version })).toBe(1);
    // Node.js process metrics come with the registry.
    expect(m.value('process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a verification, its vendor calls by vendor and status, and the HTTP requests', async () => {
    const identity = await verify(khInput('metrics-approve'));
    expect(identity.decision.outcome).toBe('APPROVE');
    const rejected = await verify(khInput('metrics-reject', { face: 'liveness-attack' }));
    expect(rejected.decision.outcome).toBe('REJECT');
    // An idempotent repeat creates no case and calls no vendor: nothing more is counted.
    await verify(khInput('metrics-approve'));

    const m = await scrape(gw.url);
    expect(m.value('ekyc_verifications_total', { outcome: 'APPROVE' })).toBe(1);
    expect(m.value('ekyc_verifications_total', { outcome: 'REJECT' })).toBe(1);
    for (const vendor of ['HUAWEI_OCR', 'INNOV8TIF', 'ADVANCE_AI']) {
      expect(m.value('ekyc_vendor_call_duration_seconds_count', { vendor, status: 'OK' }), vendor).toBe(2);
      const seconds = m.value('ekyc_vendor_call_duration_seconds_sum', { vendor, status: 'OK' })!;
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThan(4); // two calls under the 2 s deadline
      expect(m.value('ekyc_vendor_call_duration_seconds_bucket', { vendor, status: 'OK', le: '+Inf' })).toBe(2);
    }
    expect(m.samples.some((s) => s.name.startsWith('ekyc_vendor_call') && s.labels.vendor === 'VERIHUBS')).toBe(false);
    expect(m.value('ekyc_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })).toBe(3);
    expect(m.value('ekyc_http_request_duration_seconds_count', { method: 'POST', route: '/graphql' })).toBe(3);
    // The earlier scrape is counted too (a response is counted once it is sent).
    expect(m.value('ekyc_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('a request whose client went away before its answer counts as 499, not 200', async () => {
    const slow = await startTestGateway({ VENDOR_TIMEOUT_MS: '800' });
    try {
      const before = (await scrape(slow.url)).value('ekyc_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }) ?? 0;
      const gaveUp = new AbortController();
      setTimeout(() => gaveUp.abort(), 200);
      const sent = fetch(`${slow.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({ query: VERIFY, variables: { input: khInput('client-gone', { back: 'innov8tif:hang' }) } }),
        signal: gaveUp.signal,
      });
      await expect(sent).rejects.toThrow();
      await waitFor(async () => ((await scrape(slow.url)).value('ekyc_http_requests_total', { method: 'POST', route: '/graphql', status: '499' }) ? true : undefined), {
        timeoutMs: 10_000,
        what: 'the abandoned request to be counted',
      });
      expect((await scrape(slow.url)).value('ekyc_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }) ?? 0).toBe(before);
    } finally {
      await slow.close();
    }
  });

  it('labels unknown paths as one route, never by their raw path', async () => {
    await fetch(`${gw.url}/no/such/path/${Date.now()}`);
    const m = await scrape(gw.url);
    expect(m.value('ekyc_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(m.samples.some((s) => s.labels.route?.startsWith('/no/'))).toBe(false);
  });

  it('reports the pending cases from the database at scrape time', async () => {
    const pending = await verify(khInput('metrics-pending', { face: 'pending' }));
    expect(pending.decision.outcome).toBe('PENDING');
    const m = await scrape(gw.url);
    expect(m.value('ekyc_pending_cases')).toBe(1);
    expect(m.value('ekyc_vendor_call_duration_seconds_count', { vendor: 'ADVANCE_AI', status: 'PENDING' })).toBeGreaterThanOrEqual(1);
    expect(m.value('ekyc_verifications_total', { outcome: 'PENDING' })).toBe(1);
  });

  it('serves the policy reload counter that reload code increments', async () => {
    gw.metrics.policyReloads.inc({ result: 'success' });
    gw.metrics.policyReloads.inc({ result: 'failure' });
    gw.metrics.policyReloads.inc({ result: 'failure' });
    const m = await scrape(gw.url);
    expect(m.value('ekyc_policy_reloads_total', { result: 'success' })).toBe(1);
    expect(m.value('ekyc_policy_reloads_total', { result: 'failure' })).toBe(2);
  });

  it('keeps each gateway of a process in its own registry', async () => {
    const m = await scrape(other.url);
    expect(m.value('ekyc_verifications_total', { outcome: 'APPROVE' })).toBeUndefined();
    expect(m.value('ekyc_policy_reloads_total', { result: 'failure' })).toBe(0);
    expect(m.samples.some((s) => s.name === 'ekyc_vendor_call_duration_seconds_count')).toBe(false);
  });
});
