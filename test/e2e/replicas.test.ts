import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { hasServer } from '../support/databases';
import { createServerSchema, IDENTITY, khInput, startSharedAdvanceAi, waitFor, type ServerSchema } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const VENDOR_TIMEOUT_MS = 1_500;
/** Every ADVANCE.AI answer takes this long: longer than two poll intervals, so a re-poll is in flight while the other replica polls. */
const ADVANCE_DELAY_MS = 250;
const POLL_INTERVAL_MS = 100;

/**
 * Two gateway replicas on ONE PostgreSQL database (a fresh schema on the test server). ADVANCE.AI is
 * one simulator both replicas call, as they would call the real vendor (shared state, and slow enough
 * that requests overlap); the other vendors are each replica's in-process simulators.
 */
describe.runIf(hasServer)('two replicas on one PostgreSQL database', () => {
  let schema: ServerSchema;
  let advance: RunningSimulator;
  let a: TestGateway;
  let b: TestGateway;
  const both = () => [a, b];
  /** Vendor API requests by vendor, summed over both replicas' simulators and the shared ADVANCE.AI. */
  const perVendor = () => {
    const counts: Record<string, number> = { ADVANCE_AI: advance.requestCount };
    for (const gw of both()) for (const [vendor, s] of Object.entries(gw.simulators)) counts[vendor] = (counts[vendor] ?? 0) + s!.requestCount;
    return counts;
  };
  const delta = (before: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(perVendor())
        .map(([v, n]) => [v, n - before[v]!])
        .filter(([, n]) => n !== 0),
    );

  beforeAll(async () => {
    schema = await createServerSchema();
    const shared = await startSharedAdvanceAi({ delayMs: ADVANCE_DELAY_MS });
    advance = shared.simulator;
    // Both poll pending cases in the background, fast.
    const env = {
      ...shared.env,
      DATABASE_URL: schema.url,
      VENDOR_TIMEOUT_MS: String(VENDOR_TIMEOUT_MS),
      PENDING_POLL_BASE_MS: '200',
      PENDING_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
    };
    a = await startTestGateway(env);
    b = await startTestGateway(env);
    expect(a.db.kind).toBe('postgres');
    expect(a.simulators.ADVANCE_AI).toBeUndefined(); // really the shared one
    // Warm both replicas' token caches: a KH verification is then exactly 3 vendor requests on either.
    for (const [name, gw] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const res = await gw.gql(VERIFY, { input: khInput(`replica-warm-up-${name}`) });
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyIdentity.decision.outcome).toBe('APPROVE');
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await advance?.close();
    await schema?.drop();
  });

  it('each replica sees the cases the other wrote', async () => {
    const res = await a.gql(VERIFY, { input: khInput('replica-shared') });
    const id = res.data!.verifyIdentity.id;
    const read = await b.gql(IDENTITY, { id });
    expect(read.data!.identity).toMatchObject({ id, caseNo: 'replica-shared', decision: { outcome: 'APPROVE' } });
  });

  it('the same caseNo sent to both replicas at once: one case, one verification worth of vendor requests', async () => {
    const before = perVendor();
    const input = khInput('replica-race');
    const [x, y] = await Promise.all([a.gql(VERIFY, { input }), b.gql(VERIFY, { input })]);
    expect(x.errors).toBeUndefined();
    expect(y.errors).toBeUndefined();
    expect(x.data!.verifyIdentity.id).toBe(y.data!.verifyIdentity.id);
    expect(x.data!.verifyIdentity.decision).toEqual(y.data!.verifyIdentity.decision);
    expect(delta(before)).toEqual({ HUAWEI_OCR: 1, INNOV8TIF: 1, ADVANCE_AI: 1 });
  });

  it('six requests for one caseNo spread over both replicas: one case, vendors called once', async () => {
    const before = perVendor();
    const input = khInput('replica-race-6');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => both()[i % 2]!.gql(VERIFY, { input })));
    for (const res of results) expect(res.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.verifyIdentity.id)).size).toBe(1);
    expect(delta(before)).toEqual({ HUAWEI_OCR: 1, INNOV8TIF: 1, ADVANCE_AI: 1 });
    const { rows } = await a.db.query<{ n: string }>("SELECT count(*)::text AS n FROM identities WHERE case_no = 'replica-race-6'");
    expect(rows[0]!.n).toBe('1');
  });

  it('pending cases polled by both replicas: each completes once (2 decisions, one re-poll hears the answer)', async () => {
    const ids: string[] = [];
    const advanceBefore = advance.requestCount;
    for (let i = 0; i < 8; i += 1) {
      // A signatureId of its own per case (the vendor's pending clock runs per signatureId); it plays `pending-1s`.
      const res = await a.gql(VERIFY, { input: khInput(`replica-pending-${i}`, { face: `pending-1s,case-${i}` }) });
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyIdentity.decision.outcome).toBe('PENDING');
      ids.push(res.data!.verifyIdentity.id);
    }

    for (const id of ids) {
      await waitFor(
        async () => {
          const res = await b.gql(IDENTITY, { id });
          return res.data!.identity.decision.outcome === 'PENDING' ? undefined : true;
        },
        { timeoutMs: 10_000, intervalMs: 100, what: `case ${id} to leave PENDING` },
      );
    }
    // Let any duplicate re-poll that might still be running finish before looking.
    await sleep(ADVANCE_DELAY_MS + 4 * POLL_INTERVAL_MS);

    for (const id of ids) {
      const read = await a.gql(IDENTITY, { id });
      const identity = read.data!.identity;
      expect(identity.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
      expect(identity.vendorResults.find((r: any) => r.vendor === 'ADVANCE_AI').status).toBe('OK');
    }

    const { rows } = await a.db.query<{ identity_id: string; attempt: number; vendor: string; status: string; counted: boolean }>(
      'SELECT identity_id, attempt, vendor, status, counted FROM vendor_calls WHERE identity_id = ANY($1::uuid[]) ORDER BY identity_id, attempt, position',
      [ids],
    );
    for (const id of ids) {
      const calls = rows.filter((r) => r.identity_id === id).map((r) => [Number(r.attempt), r.vendor, r.status, r.counted]);
      expect(calls.slice(0, 3)).toEqual([
        [0, 'HUAWEI_OCR', 'OK', true],
        [0, 'INNOV8TIF', 'OK', true],
        [0, 'ADVANCE_AI', 'PENDING', true],
      ]);
      // Every re-poll is on record: those before the vendor's second heard PENDING, the last one the
      // answer. A second re-poll of the answered case (two replicas at once) would add an uncounted row.
      const repolls = calls.slice(3);
      expect(repolls.length).toBeGreaterThan(0);
      expect(repolls).toEqual(repolls.map((_, i) => [i + 1, 'ADVANCE_AI', i === repolls.length - 1 ? 'OK' : 'PENDING', true]));
    }
    const decisions = await a.db.query<{ n: string }>('SELECT count(*)::text AS n FROM decisions WHERE identity_id = ANY($1::uuid[]) GROUP BY identity_id', [ids]);
    expect(decisions.rows.map((r) => r.n)).toEqual(Array(ids.length).fill('2'));
    const left = await a.db.query<{ n: string }>('SELECT count(*)::text AS n FROM pending_polls WHERE identity_id = ANY($1::uuid[])', [ids]);
    expect(left.rows[0]!.n).toBe('0');
    // Per case the verification's call and at least one re-poll reached the vendor (no case completed some other way).
    expect(advance.requestCount - advanceBefore).toBeGreaterThanOrEqual(2 * ids.length);
  });
});
