import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database';
import { openDatabase } from '../../src/store/open-database';
import { freePort, startChildGateway, type ChildGateway } from '../support/child-gateway';
import { createServerSchema, IDENTITY, khInput, waitFor } from '../support/e2e';
import { hasServer } from '../support/databases';
import { VERIFY } from '../support/gateway';

const KEY = 'crash-test-key-0123456789abcdef';
const BY_CASE_NO = /* GraphQL */ `
  query ByCaseNo($caseNo: String!) {
    identities(first: 1, filter: { caseNo: $caseNo }) {
      edges {
        node {
          id
        }
      }
    }
  }
`;
const API_KEYS = JSON.stringify([{ name: 'crash', key: KEY, scopes: ['*'], rateLimit: { perMinute: 1_000_000, burst: 100_000 } }]);

async function gql(url: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.body.json();
}

interface Backend {
  name: string;
  /** Environment that points a gateway at the database, and how to open it from the test afterwards. */
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function pgliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-crash-'));
  return {
    name: 'pglite',
    env: { DATA_DIR: dir },
    open: () => openDatabase(null, dir),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresBackend(): Promise<Backend> {
  const schema = await createServerSchema();
  return { name: 'postgres', env: { DATABASE_URL: schema.url }, open: () => openDatabase(schema.url, ''), dispose: schema.drop };
}

/**
 * Crash consistency: a gateway process is SIGKILLed while verifications are in flight, then started
 * again on the same database. Every verification a client saw answered must be there whole (case,
 * vendor calls, decision), no half case may exist, clients retrying the unanswered ones get exactly
 * one case each, and the cases that were waiting for a pending vendor are polled again.
 */
const BACKENDS = [{ name: 'embedded PGlite', make: pgliteBackend }, ...(hasServer ? [{ name: 'PostgreSQL server', make: postgresBackend }] : [])];

describe.each(BACKENDS)('SIGKILL mid-flight, $name', ({ make: makeBackend }) => {
  const children: ChildGateway[] = [];
  let backend: Backend | undefined;
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) await c.kill();
    await backend?.dispose();
  });

  it('keeps every answered case whole, leaves no half case, and resumes pending polls', { timeout: 120_000 }, async () => {
    backend = await makeBackend();
    const port = String(await freePort());
    const env = {
      ...backend.env,
      PORT: port,
      API_KEYS,
      VERIFICATION_TIMEOUT_MS: '3000',
      // Vendors answer in 150..450 ms, so many verifications are mid-flight when the process dies.
      SIMULATOR_FAULTS: JSON.stringify({ '*': { latencyMs: 150, jitterMs: 300 } }),
      PENDING_POLL_INTERVAL_MS: '100',
    };
    const first = await startChildGateway({ ...env, PENDING_POLL_BASE_MS: '2000' });
    children.push(first);

    // Cases waiting for ADVANCE.AI (pending for 1 s after its first poll, then a pass).
    const pending: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await gql(first.url, VERIFY, { input: khInput(`crash-pending-${i}`, { face: 'pending-1s' }) });
      expect(res.errors).toBeUndefined();
      expect(res.data.verifyIdentity.decision.outcome).toBe('PENDING');
      pending.push(res.data.verifyIdentity.id);
    }

    const total = 40;
    const answered = new Map<string, any>();
    const unanswered: string[] = [];
    const inFlight = Array.from({ length: total }, async (_, i) => {
      const caseNo = `crash-${i}`;
      try {
        const res = await gql(first.url, VERIFY, { input: khInput(caseNo) });
        if (res.data?.verifyIdentity) answered.set(caseNo, res.data.verifyIdentity);
        else unanswered.push(caseNo);
      } catch {
        unanswered.push(caseNo);
      }
    });
    await waitFor(async () => (answered.size >= 5 ? true : undefined), { timeoutMs: 20_000, intervalMs: 5, what: 'the first answers' });
    await first.kill();
    await Promise.all(inFlight);
    expect(answered.size + unanswered.length).toBe(total);
    // The kill landed mid-flight: some answered, some not.
    expect(answered.size).toBeGreaterThanOrEqual(5);
    expect(unanswered.length).toBeGreaterThan(0);

    const second = await startChildGateway({ ...env, PENDING_POLL_BASE_MS: '200' });
    children.push(second);

    // Every answered verification reads back exactly as the client saw it.
    for (const [caseNo, seen] of answered) {
      const res = await gql(second.url, IDENTITY, { id: seen.id });
      const stored = res.data.identity;
      expect(stored, caseNo).not.toBeNull();
      expect(stored.caseNo).toBe(caseNo);
      expect(stored.vendorResults.map((r: any) => [r.vendor, r.status, r.errorCode])).toEqual(seen.vendorResults.map((r: any) => [r.vendor, r.status, r.errorCode]));
      expect(stored.decision.outcome).toBe(seen.decision.outcome);
      expect(stored.decision.policyVersion).toBe(seen.decision.policyVersion);
    }

    // Some unanswered verifications may have been committed just before the kill.
    const committed = new Map<string, string>();
    for (const caseNo of unanswered) {
      const res = await gql(second.url, BY_CASE_NO, { caseNo });
      const node = res.data.identities.edges[0]?.node;
      if (node) committed.set(caseNo, node.id);
    }

    // Clients retry what they never saw answered: each gets one case (the one committed before the
    // kill, returned as it is, or one made now).
    const retried = await Promise.all(unanswered.map(async (caseNo) => [caseNo, await gql(second.url, VERIFY, { input: khInput(caseNo) })] as const));
    for (const [caseNo, res] of retried) {
      expect(res.errors).toBeUndefined();
      expect(res.data.verifyIdentity.decision.outcome).toBe('APPROVE');
      if (committed.has(caseNo)) expect(res.data.verifyIdentity.id).toBe(committed.get(caseNo));
    }

    // Pending polls resume: each waiting case gets its vendor's final answer and a new decision.
    // Read once more when it is: one request reads decisions and vendor results in separate queries,
    // so the read that first sees the new decision may hold the vendor results from before the re-poll.
    for (const id of pending) {
      await waitFor(
        async () => {
          const res = await gql(second.url, IDENTITY, { id });
          return res.data.identity.decisions.length >= 2 ? res.data.identity : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 200, what: `pending case ${id} to be decided again` },
      );
      const done = (await gql(second.url, IDENTITY, { id })).data.identity;
      expect(done.decision.outcome).toBe('APPROVE');
      expect(done.vendorResults.find((r: any) => r.vendor === 'ADVANCE_AI').status).toBe('OK');
    }

    expect(await second.stop()).toBe(0);

    // Straight from the database: no half case of any kind.
    const db = await backend.open();
    try {
      const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]!.n);
      expect(await count('SELECT count(*)::int AS n FROM identities i WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.identity_id = i.id)')).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM vendor_calls v WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.id = v.identity_id)')).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.id = d.identity_id)')).toBe(0);
      // Every case has its three KH vendor calls of the first attempt.
      expect(await count(`SELECT count(*)::int AS n FROM identities i WHERE (SELECT count(*) FROM vendor_calls v WHERE v.identity_id = i.id AND v.attempt = 0) <> 3`)).toBe(0);
      // One case per caseNo, and every caseNo of this run has its case.
      expect(await count(`SELECT count(*)::int AS n FROM identities WHERE case_no LIKE 'crash-%'`)).toBe(total + pending.length);
      expect(await count(`SELECT count(DISTINCT case_no)::int AS n FROM identities WHERE case_no LIKE 'crash-%'`)).toBe(total + pending.length);
      // No claim is left without its case, and no pending poll is left for a decided case.
      expect(await count('SELECT count(*)::int AS n FROM case_claims c WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.owner = c.owner AND i.case_no = c.case_no)')).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM pending_polls')).toBe(0);
    } finally {
      await db.close();
    }
    await sleep(0);
  });
});
