import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { GATEWAY_BACKENDS, IDENTITY, khInput, REFRESH, REVIEW, startSharedAdvanceAi, waitFor, type GatewayDatabase } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/** Never polls in the background within a test's lifetime. */
const NO_BACKGROUND_POLL = { PENDING_POLL_BASE_MS: '3600000', PENDING_POLL_INTERVAL_MS: '3600000' };
/** Polls every 100 ms; the first re-poll 200 ms after the case, then backoff (400, 800 ... ms). */
const FAST_POLL = { PENDING_POLL_BASE_MS: '200', PENDING_POLL_INTERVAL_MS: '100' };

const statusOf = (identity: any, vendor: string) => identity.vendorResults.find((r: any) => r.vendor === vendor)?.status;

async function verify(gw: TestGateway, input: Record<string, unknown>) {
  const res = await gw.gql(VERIFY, { input });
  expect(res.errors).toBeUndefined();
  return res.data!.verifyIdentity;
}

async function read(gw: TestGateway, id: string) {
  const res = await gw.gql(IDENTITY, { id });
  expect(res.errors).toBeUndefined();
  return res.data!.identity;
}

/**
 * Reads the case until its latest decision is no longer PENDING (at most `timeoutMs`), then once more:
 * one request reads the decisions and the vendor results in separate queries, so the read that first
 * sees the new decision may have read the vendor results just before the re-poll stored them.
 */
async function settled(gw: TestGateway, id: string, timeoutMs = 10_000) {
  await waitFor(
    async () => {
      const identity = await read(gw, id);
      return identity.decision.outcome === 'PENDING' ? undefined : identity;
    },
    { timeoutMs, intervalMs: 100, what: `case ${id} to leave PENDING` },
  );
  return read(gw, id);
}

/** The case's audit trail of vendor calls: [attempt, vendor, status, counted], in order. */
async function callsOf(gw: TestGateway, id: string): Promise<Array<[number, string, string, boolean]>> {
  const { rows } = await gw.db.query<{ attempt: number; vendor: string; status: string; counted: boolean }>(
    'SELECT attempt, vendor, status, counted FROM vendor_calls WHERE identity_id = $1 ORDER BY attempt, position',
    [id],
  );
  return rows.map((r) => [Number(r.attempt), r.vendor, r.status, r.counted]);
}

async function pendingRows(gw: TestGateway, id: string): Promise<number> {
  const { rows } = await gw.db.query<{ n: string }>('SELECT count(*)::text AS n FROM pending_polls WHERE identity_id = $1', [id]);
  return Number(rows[0]!.n);
}

describe.each(GATEWAY_BACKENDS)('pending vendor results ($name)', (backend) => {
  const opened: Array<{ gw: TestGateway; database: GatewayDatabase }> = [];
  const start = async (env: Record<string, string>) => {
    const database = await backend.open();
    const gw = await startTestGateway({ DATABASE_URL: database.url, ...env });
    opened.push({ gw, database });
    return gw;
  };
  afterAll(async () => {
    for (const { gw, database } of opened) {
      await gw.close();
      await database.dispose();
    }
  });

  describe('refreshIdentity', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await start(NO_BACKGROUND_POLL);
    });

    it('PENDING while ADVANCE.AI processes; a refresh too early appends nothing; a later one decides APPROVE', async () => {
      const created = await verify(gw, khInput('pending-refresh', { face: 'pending-1s,refresh' }));
      const createdAt = Date.now();
      expect(statusOf(created, 'ADVANCE_AI')).toBe('PENDING');
      expect(statusOf(created, 'HUAWEI_OCR')).toBe('OK');
      expect(statusOf(created, 'INNOV8TIF')).toBe('OK');
      expect(created.decision.outcome).toBe('PENDING');
      expect(created.decision.reasons.map((r: any) => r.code)).toContain('VENDOR_PENDING');
      expect(await pendingRows(gw, created.id)).toBe(1);

      const early = await gw.gql(REFRESH, { id: created.id });
      expect(early.errors).toBeUndefined();
      expect(Date.now() - createdAt).toBeLessThan(1_000); // the test itself must still be inside the pending second
      const e = early.data!.refreshIdentity;
      expect(e.id).toBe(created.id);
      expect(e.decision.outcome).toBe('PENDING');
      expect(e.decisions.map((d: any) => d.outcome)).toEqual(['PENDING']);
      expect(statusOf(e, 'ADVANCE_AI')).toBe('PENDING');
      expect(await pendingRows(gw, created.id)).toBe(1); // still waiting

      await sleep(Math.max(0, createdAt + 1_200 - Date.now()));
      const before = gw.vendorRequests();
      const late = await gw.gql(REFRESH, { id: created.id });
      expect(late.errors).toBeUndefined();
      const l = late.data!.refreshIdentity;
      expect(gw.vendorRequests() - before).toBe(1); // only the vendor still pending is asked again
      expect(l.decision.outcome).toBe('APPROVE');
      expect(l.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
      expect(l.vendorResults.map((r: any) => [r.vendor, r.status])).toEqual([
        ['HUAWEI_OCR', 'OK'],
        ['INNOV8TIF', 'OK'],
        ['ADVANCE_AI', 'OK'],
      ]);
      expect(await pendingRows(gw, created.id)).toBe(0);
      // Both re-polls are on record, the early one too, though it changed nothing.
      expect(await callsOf(gw, created.id)).toEqual([
        [0, 'HUAWEI_OCR', 'OK', true],
        [0, 'INNOV8TIF', 'OK', true],
        [0, 'ADVANCE_AI', 'PENDING', true],
        [1, 'ADVANCE_AI', 'PENDING', true],
        [2, 'ADVANCE_AI', 'OK', true],
      ]);

      // What a client reads afterwards is the same; the face scores are the final ones.
      const stored = await read(gw, created.id);
      expect(stored.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
      expect(stored.face).toMatchObject({ livenessScore: 99, similarityScore: 82, vendor: 'ADVANCE_AI' });

      // A refresh of a decided case is a no-op: no vendor call, no decision.
      const after = gw.vendorRequests();
      const again = await gw.gql(REFRESH, { id: created.id });
      expect(again.data!.refreshIdentity.decisions).toHaveLength(2);
      expect(gw.vendorRequests() - after).toBe(0);
    });
  });

  describe('background polling', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await start(FAST_POLL);
    });

    it('a pending-1s case becomes APPROVE on its own', async () => {
      const created = await verify(gw, khInput('pending-background', { face: 'pending-1s,background' }));
      expect(created.decision.outcome).toBe('PENDING');
      const done = await settled(gw, created.id);
      expect(done.decision.outcome).toBe('APPROVE');
      expect(done.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
      expect(statusOf(done, 'ADVANCE_AI')).toBe('OK');
      expect(await pendingRows(gw, created.id)).toBe(0);
    });

    it("'pending' forever, then a person approves: recorded, and polling stops", async () => {
      const created = await verify(gw, khInput('pending-forever', { face: 'pending' }));
      expect(created.decision.outcome).toBe('PENDING');
      // The poller is asking ADVANCE.AI again (and hears PENDING each time).
      const polling = gw.vendorRequests();
      await waitFor(async () => (gw.vendorRequests() > polling ? true : undefined), { timeoutMs: 5_000, what: 'a background re-poll' });
      expect((await read(gw, created.id)).decisions).toHaveLength(1);

      const res = await gw.gql(REVIEW, { id: created.id, outcome: 'APPROVE', note: '  checked the face by hand  ' });
      expect(res.errors).toBeUndefined();
      const reviewed = res.data!.reviewIdentity;
      expect(reviewed.id).toBe(created.id);
      expect(reviewed.decision.outcome).toBe('APPROVE');
      expect(reviewed.decisions).toHaveLength(2);
      expect(reviewed.decisions[0].outcome).toBe('PENDING');
      const last = reviewed.decisions[1];
      expect(last).toMatchObject({ outcome: 'APPROVE', policyVersion: 'manual', note: 'checked the face by hand', decidedBy: 'test-admin' });
      expect(last.reasons).toEqual([{ code: 'MANUAL_REVIEW', message: 'checked the face by hand', rule: 'manual-review', outcome: 'APPROVE' }]);
      expect(await pendingRows(gw, created.id)).toBe(0);

      // Let a re-poll that was already in flight finish, then watch several poll rounds: nothing.
      await sleep(300);
      const quiet = gw.vendorRequests();
      await sleep(1_500);
      expect(gw.vendorRequests() - quiet).toBe(0);
      const stored = await read(gw, created.id);
      expect(stored.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
      expect(stored.decision).toMatchObject({ outcome: 'APPROVE', policyVersion: 'manual', note: 'checked the face by hand' });
      expect(statusOf(stored, 'ADVANCE_AI')).toBe('PENDING'); // the vendor never answered; the person decided
      // Every background re-poll is on record, one attempt each, all still PENDING.
      const repolls = (await callsOf(gw, created.id)).filter(([attempt]) => attempt > 0);
      expect(repolls.length).toBeGreaterThan(0);
      expect(repolls).toEqual(repolls.map((_, i) => [i + 1, 'ADVANCE_AI', 'PENDING', true]));
    });
  });

  describe('a re-poll that brings no news', () => {
    let gw: TestGateway;
    let advance: RunningSimulator;
    beforeAll(async () => {
      const shared = await startSharedAdvanceAi();
      advance = shared.simulator;
      gw = await start({ ...shared.env, ...NO_BACKGROUND_POLL });
    });
    afterAll(() => advance?.close());

    it('ADVANCE.AI unreachable: the failed call is on record, uncounted, and the case still waits as it was', async () => {
      const created = await verify(gw, khInput('pending-outage', { face: 'pending' }));
      expect(created.decision.outcome).toBe('PENDING');
      await advance.close();

      const res = await gw.gql(REFRESH, { id: created.id });
      expect(res.errors).toBeUndefined();
      const after = res.data!.refreshIdentity;
      expect(after.decisions.map((d: any) => d.outcome)).toEqual(['PENDING']);
      expect(statusOf(after, 'ADVANCE_AI')).toBe('PENDING');
      expect(await pendingRows(gw, created.id)).toBe(1);
      expect(await callsOf(gw, created.id)).toEqual([
        [0, 'HUAWEI_OCR', 'OK', true],
        [0, 'INNOV8TIF', 'OK', true],
        [0, 'ADVANCE_AI', 'PENDING', true],
        [1, 'ADVANCE_AI', 'FAILED', false],
      ]);
    });
  });

  /**
   * A re-poll takes as long as the vendor; meanwhile a person may decide, or refreshIdentity may ask
   * again. ADVANCE.AI answers after ADVANCE_DELAY_MS here, so a background re-poll is caught in flight
   * (its lease taken, its answer not yet written) and the other action runs right then.
   */
  describe('while a background re-poll is in flight', () => {
    const ADVANCE_DELAY_MS = 300;
    let gw: TestGateway;
    let advance: RunningSimulator;
    beforeAll(async () => {
      const shared = await startSharedAdvanceAi({ delayMs: ADVANCE_DELAY_MS });
      advance = shared.simulator;
      // The first re-poll is due 1.2 s after the case: past the vendor's pending second, so it is the
      // one that hears the final answer, and the only one.
      gw = await start({ ...shared.env, PENDING_POLL_BASE_MS: '1200', PENDING_POLL_INTERVAL_MS: '50' });
    });
    afterAll(() => advance?.close());

    /** Creates a `pending-1s` case and returns once the background poller holds its lease: its re-poll is asking ADVANCE.AI. */
    async function caughtInFlight(caseNo: string): Promise<string> {
      const created = await verify(gw, khInput(caseNo, { face: `pending-1s,${caseNo}` }));
      expect(created.decision.outcome).toBe('PENDING');
      await waitFor(
        async () => {
          const { rows } = await gw.db.query<{ lease_owner: string | null }>('SELECT lease_owner FROM pending_polls WHERE identity_id = $1', [created.id]);
          if (rows.length === 0) throw new Error('the case completed before its re-poll was caught in flight');
          return rows[0]!.lease_owner !== null ? true : undefined;
        },
        { timeoutMs: 8_000, intervalMs: 5, what: 'a background re-poll in flight' },
      );
      return created.id;
    }

    it("a person's decision stays the latest: the re-poll's answer arriving after it is not appended", async () => {
      const id = await caughtInFlight('in-flight-review');
      const res = await gw.gql(REVIEW, { id, outcome: 'REJECT', note: 'photo does not match the holder' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.reviewIdentity.decision).toMatchObject({ outcome: 'REJECT', policyVersion: 'manual' });

      await sleep(ADVANCE_DELAY_MS + 500); // the re-poll has its answer by now
      const stored = await read(gw, id);
      expect(stored.decisions.map((d: any) => [d.outcome, d.policyVersion === 'manual'])).toEqual([
        ['PENDING', false],
        ['REJECT', true],
      ]);
      expect(stored.decision.outcome).toBe('REJECT');
      const queue = await gw.gql(`query($id: String) { identities(filter: { outcome: REJECT, caseNo: $id }) { totalCount } }`, { id: 'in-flight-review' });
      expect(queue.data!.identities.totalCount).toBe(1); // the listing's outcome agrees
      expect(await pendingRows(gw, id)).toBe(0);
      // The re-poll's call is on record all the same, not counted: the vendor's result shown stays PENDING.
      expect(await callsOf(gw, id)).toEqual([
        [0, 'HUAWEI_OCR', 'OK', true],
        [0, 'INNOV8TIF', 'OK', true],
        [0, 'ADVANCE_AI', 'PENDING', true],
        [1, 'ADVANCE_AI', 'OK', false],
      ]);
      expect(statusOf(stored, 'ADVANCE_AI')).toBe('PENDING');
    });

    it('refreshIdentity during the re-poll: the answer is appended once, and the refresh does not fail', async () => {
      const id = await caughtInFlight('in-flight-refresh');
      const res = await gw.gql(REFRESH, { id });
      expect(res.errors).toBeUndefined();

      await sleep(ADVANCE_DELAY_MS + 500);
      const stored = await read(gw, id);
      expect(stored.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
      expect(statusOf(stored, 'ADVANCE_AI')).toBe('OK');
      const { rows } = await gw.db.query<{ attempt: number; vendor: string; status: string }>(
        'SELECT attempt, vendor, status FROM vendor_calls WHERE identity_id = $1 ORDER BY attempt, position',
        [id],
      );
      expect(rows.map((r) => [Number(r.attempt), r.vendor, r.status])).toEqual([
        [0, 'HUAWEI_OCR', 'OK'],
        [0, 'INNOV8TIF', 'OK'],
        [0, 'ADVANCE_AI', 'PENDING'],
        [1, 'ADVANCE_AI', 'OK'],
      ]);
    });
  });
});

/** The pending work lives in the database: a new gateway on the same files finishes what the old one left. */
describe('pending case across a restart (PGlite files under DATA_DIR)', () => {
  let dataDir: string;
  const gateways: TestGateway[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ekyc-restart-'));
  });
  afterEach(async () => {
    for (const gw of gateways.splice(0)) await gw.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('created before the restart, completed in the background after it', { timeout: 60_000 }, async () => {
    // DATABASE_URL empty means unset: PGlite files under DATA_DIR. The first re-poll is stored as due
    // FIRST_POLL_MS after the case (next_poll_at is data: the second gateway's shorter base applies only
    // from its own reschedules), and this gateway is closed long before that.
    const FIRST_POLL_MS = 1_500;
    const first = await startTestGateway({
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PENDING_POLL_BASE_MS: String(FIRST_POLL_MS),
      PENDING_POLL_INTERVAL_MS: '3600000',
    });
    gateways.push(first);
    expect(first.db.kind).toBe('pglite');
    const created = await verify(first, khInput('pending-restart', { face: 'pending-1s,restart' }));
    expect(created.decision.outcome).toBe('PENDING');
    const { rows } = await first.db.query<{ next_poll_at: Date }>('SELECT next_poll_at FROM pending_polls WHERE identity_id = $1', [created.id]);
    expect(new Date(rows[0]!.next_poll_at).getTime()).toBeGreaterThanOrEqual(new Date(created.createdAt).getTime() + FIRST_POLL_MS);
    await first.close();
    await expect(first.gql(IDENTITY, { id: created.id })).rejects.toThrow(); // really gone

    const second = await startTestGateway({ DATABASE_URL: '', DATA_DIR: dataDir, ...FAST_POLL });
    gateways.push(second);
    const found = await read(second, created.id);
    expect(found).toMatchObject({ id: created.id, caseNo: 'pending-restart', decision: { outcome: 'PENDING' } });
    expect(found.createdAt).toBe(created.createdAt);

    const done = await settled(second, created.id);
    expect(done.decisions.map((d: any) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
    expect(statusOf(done, 'ADVANCE_AI')).toBe('OK');
    // The new gateway's simulator had to be asked: the answer did not come from the old process.
    expect(second.simulators.ADVANCE_AI!.requestCount).toBeGreaterThanOrEqual(2);
  });
});
