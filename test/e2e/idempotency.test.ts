import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { GATEWAY_BACKENDS, IDENTITY, khInput, startSharedAdvanceAi, type GatewayDatabase } from '../support/e2e';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/** ADVANCE.AI answers every request after this long, so a verification is in flight at least this long. */
const ADVANCE_DELAY_MS = 300;

/**
 * The caseNo is the idempotency key, end to end over HTTP: a repeat returns the stored case without a
 * vendor call, a repeat with another input is a CONFLICT that changes nothing, and racing repeats
 * (separate HTTP requests, so separate per-request DataLoaders) call the vendors once.
 */
describe.each(GATEWAY_BACKENDS)('caseNo idempotency ($name)', (backend) => {
  let database: GatewayDatabase;
  let advance: RunningSimulator;
  let gw: TestGateway;
  beforeAll(async () => {
    database = await backend.open();
    // ADVANCE.AI is a simulator of its own, slow on purpose (the others are the gateway's in-process ones).
    const shared = await startSharedAdvanceAi({ delayMs: ADVANCE_DELAY_MS });
    advance = shared.simulator;
    gw = await startTestGateway({
      ...shared.env,
      DATABASE_URL: database.url,
      // No background polling: nothing here is pending, and no stray vendor request may be counted.
      PENDING_POLL_INTERVAL_MS: '3600000',
    });
    expect(gw.simulators.ADVANCE_AI).toBeUndefined();
    // Token caches (Huawei IAM, ADVANCE.AI) warm: from now on a KH verification is exactly 3 vendor requests.
    const warm = await gw.gql(VERIFY, { input: khInput('warm-up') });
    expect(warm.errors).toBeUndefined();
    const before = vendorRequests();
    const second = await gw.gql(VERIFY, { input: khInput('warm-up-2') });
    expect(second.errors).toBeUndefined();
    expect(vendorRequests() - before).toBe(3);
  });
  afterAll(async () => {
    await gw?.close();
    await advance?.close();
    await database?.dispose();
  });

  /** Vendor API requests by vendor: the gateway's in-process simulators and the separate ADVANCE.AI. */
  const perVendor = () => {
    const counts: Record<string, number> = { ADVANCE_AI: advance.requestCount };
    for (const [vendor, s] of Object.entries(gw.simulators)) counts[vendor] = s!.requestCount;
    return counts;
  };
  const vendorRequests = () => Object.values(perVendor()).reduce((a, b) => a + b, 0);
  const delta = (before: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(perVendor())
        .map(([v, n]) => [v, n - before[v]!])
        .filter(([, n]) => n !== 0),
    );
  const read = async (id: string) => {
    const res = await gw.gql(IDENTITY, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.identity;
  };
  const countCase = async (caseNo: string) => {
    const res = await gw.gql(`query($caseNo: String) { identities(filter: { caseNo: $caseNo }) { totalCount edges { node { id } } } }`, { caseNo });
    expect(res.errors).toBeUndefined();
    return res.data!.identities;
  };

  it('same caseNo, same input: the stored case, no vendor request', async () => {
    const first = await gw.gql(VERIFY, { input: khInput('idem-repeat') });
    expect(first.errors).toBeUndefined();
    const original = first.data!.verifyIdentity;
    expect(original.decision.outcome).toBe('APPROVE');

    const before = vendorRequests();
    const again = await gw.gql(VERIFY, { input: khInput('idem-repeat') });
    expect(again.errors).toBeUndefined();
    expect(vendorRequests() - before).toBe(0);
    const repeat = again.data!.verifyIdentity;
    expect(repeat.id).toBe(original.id);
    // Not a new verification that happens to look the same: the very same stored case.
    expect(repeat.createdAt).toBe(original.createdAt);
    expect(repeat.decision).toEqual(original.decision);
    expect(repeat.vendorResults).toEqual(original.vendorResults);
    expect(repeat.document).toEqual(original.document);
    expect((await countCase('idem-repeat')).totalCount).toBe(1);
  });

  it.each([
    ['another face capture', { faceSignatureId: 'liveness-attack' }],
    ['another back image', { documentBack: image('low-landmarks') }],
    ['another country', { country: 'VN' }],
  ])('same caseNo, %s: CONFLICT, nothing called, nothing changed', async (_name, change) => {
    const caseNo = `idem-conflict-${Object.keys(change)[0]}`;
    const created = await gw.gql(VERIFY, { input: khInput(caseNo) });
    expect(created.errors).toBeUndefined();
    const id = created.data!.verifyIdentity.id;
    const stored = await read(id);

    const before = vendorRequests();
    const res = await gw.gql(VERIFY, { input: { ...khInput(caseNo), ...change } });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'CONFLICT' });
    expect(res.errors![0]!.message).toContain(caseNo);
    expect(vendorRequests() - before).toBe(0);

    expect(await read(id)).toEqual(stored);
    const listed = await countCase(caseNo);
    expect(listed.totalCount).toBe(1);
    expect(listed.edges.map((e: any) => e.node.id)).toEqual([id]);

    // The original input still gets its case back afterwards.
    const repeat = await gw.gql(VERIFY, { input: khInput(caseNo) });
    expect(repeat.data!.verifyIdentity.id).toBe(id);
    expect(vendorRequests() - before).toBe(0);
  });

  it('five identical requests racing: one case, vendors called once', async () => {
    const before = perVendor();
    const results = await Promise.all(Array.from({ length: 5 }, () => gw.gql(VERIFY, { input: khInput('idem-race-5') })));
    for (const res of results) expect(res.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.verifyIdentity.id));
    expect(ids.size).toBe(1);
    expect(results.map((r) => r.data!.verifyIdentity.decision.outcome)).toEqual(Array(5).fill('APPROVE'));
    expect(delta(before)).toEqual({ HUAWEI_OCR: 1, INNOV8TIF: 1, ADVANCE_AI: 1 });
    expect((await countCase('idem-race-5')).totalCount).toBe(1);
  });

  it('two identical requests racing while the vendors answer: the second waits for the first, vendors called once', async () => {
    // ADVANCE.AI takes ADVANCE_DELAY_MS to answer, so the first verification is still in flight when
    // the second arrives: a real window, not a lucky interleaving.
    const input = khInput('idem-race-slow');
    const before = perVendor();
    const started = Date.now();
    const [a, b] = await Promise.all([gw.gql(VERIFY, { input }), gw.gql(VERIFY, { input })]);
    const elapsed = Date.now() - started;
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const [x, y] = [a.data!.verifyIdentity, b.data!.verifyIdentity];
    expect(x.id).toBe(y.id);
    expect(x.decision.outcome).toBe('APPROVE');
    expect(y.decision).toEqual(x.decision);
    expect(y.vendorResults).toEqual(x.vendorResults);
    expect(elapsed).toBeGreaterThanOrEqual(ADVANCE_DELAY_MS);
    expect(delta(before)).toEqual({ HUAWEI_OCR: 1, INNOV8TIF: 1, ADVANCE_AI: 1 });
    expect((await countCase('idem-race-slow')).totalCount).toBe(1);
  });
});
