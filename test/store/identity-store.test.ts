import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database';
import { IdentityStore } from '../../src/store/identity-store';
import { latestDecision } from '../../src/store/identity-record';
import { PendingPolls } from '../../src/store/pending-polls';
import { BACKENDS, pgliteBackend, postgresBackend, hasServer } from '../support/databases';
import { makeRecord } from '../support/records';

const count = async (db: Database, table: string, id: string) =>
  Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE ${table === 'identities' ? 'id' : 'identity_id'} = $1`, [id])).rows[0]!.n);

describe.each(BACKENDS)('IdentityStore on $name', (backend) => {
  let db: Database;
  let store: IdentityStore;
  beforeAll(async () => {
    db = (await backend.open()).db;
    store = new IdentityStore(db);
  });
  afterAll(() => db?.close());

  it('writes a case whole and reads it back the same', async () => {
    const record = makeRecord({ pending: true });
    await store.create(record, new Date(Date.now() + 60_000));
    const read = await store.get(record.id);
    expect(read).toEqual(record);
    expect(await count(db, 'vendor_calls', record.id)).toBe(2);
    expect(await new PendingPolls(db).attempts(record.id)).toBe(0);
  });

  it('reads many cases by id in one query, without their decisions', async () => {
    const records = [makeRecord(), makeRecord(), makeRecord()];
    for (const r of records) await store.create(r, null);
    const before = db.queryCount;
    const found = await store.casesFor([...records.map((r) => r.id), 'not-a-uuid', '00000000-0000-4000-8000-000000000000']);
    expect(db.queryCount - before).toBe(1);
    expect([...found.keys()].sort()).toEqual(records.map((r) => r.id).sort());
    for (const { decisions: _decisions, ...kept } of records) expect(found.get(kept.id)).toEqual(kept);
    expect((await store.casesFor(['nope'])).size).toBe(0);
    expect(db.queryCount - before).toBe(1);
  });

  // A case that the database refuses part-way (its second vendor call breaks the calls' primary key,
  // after the case row and the first call were inserted) leaves nothing: the case is one statement.
  const brokenRecord = () => {
    const record = makeRecord({ pending: true });
    const first = record.vendorSignals[0]!;
    return { ...record, vendorSignals: [first, { ...record.vendorSignals[1]!, result: { ...record.vendorSignals[1]!.result, vendor: first.result.vendor } }] };
  };
  const tables = ['identities', 'vendor_calls', 'decisions', 'pending_polls'];

  it('a case the database refuses part-way leaves nothing behind', async () => {
    const record = brokenRecord();
    await expect(store.create(record, new Date())).rejects.toThrow(/duplicate key|unique/i);
    for (const table of tables) expect(await count(db, table, record.id)).toBe(0);
    expect(await store.get(record.id)).toBeNull();
  });

  it('cases written at once share statements, and a bad one among them fails alone', async () => {
    const before = db.queryCount;
    const good = Array.from({ length: 24 }, () => makeRecord({ pending: true }));
    await Promise.all(good.map((r) => store.create(r, new Date(Date.now() + 60_000))));
    // One statement per batch, not five per case.
    expect(db.queryCount - before).toBeLessThanOrEqual(8);
    for (const r of good) expect(await store.get(r.id)).toEqual(r);

    const bad = brokenRecord();
    const mixed = [makeRecord(), makeRecord(), bad, makeRecord(), makeRecord(), makeRecord()];
    const settled = await Promise.allSettled(mixed.map((r) => store.create(r, null)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    for (const table of tables) expect(await count(db, table, bad.id)).toBe(0);
    for (const r of mixed.filter((m) => m !== bad)) {
      expect(await store.get(r.id)).toEqual(r);
      expect(await count(db, 'vendor_calls', r.id)).toBe(2);
    }
  });

  it('a claim batch commits without waiting for the WAL flush', async () => {
    const setting = await db.transaction(async (tx) => {
      const doc = JSON.stringify([{ owner: 'p-sync', case_no: `sync-${Date.now()}`, input_hash: 'h', claimed_at: new Date().toISOString() }]);
      const claimed = await tx.query<{ case_no: string }>('SELECT case_no FROM ekyc_claim_cases($1::jsonb)', [doc]);
      expect(claimed.rows).toHaveLength(1);
      return (await tx.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
    });
    expect(setting).toBe('off');
  });

  // A claim lost in a database crash (it did not wait for the disk) while its verification went on:
  // the case's own statement records the claim, so a repeat still finds the case.
  it('a case written without its claim records it: a repeat gets the case, another input a conflict', async () => {
    const now = new Date();
    const stale = new Date(now.getTime() - 60_000);
    const record = makeRecord();
    await store.create(record, null);
    expect(await store.claim(record.owner, record.caseNo, record.inputHash, now, stale)).toEqual({ kind: 'existing', id: record.id });
    expect(await store.claim(record.owner, record.caseNo, 'another-input', now, stale)).toEqual({ kind: 'conflict' });
  });

  it("a claim taken meanwhile by another input is given the case's input when the case is written", async () => {
    const now = new Date();
    const stale = new Date(now.getTime() - 60_000);
    const record = makeRecord();
    expect((await store.claim(record.owner, record.caseNo, 'another-input', now, stale)).kind).toBe('claimed');
    await store.create(record, null);
    expect(await store.claim(record.owner, record.caseNo, record.inputHash, now, stale)).toEqual({ kind: 'existing', id: record.id });
    expect(await store.claim(record.owner, record.caseNo, 'another-input', now, stale)).toEqual({ kind: 'conflict' });
  });

  it('claims: first wins, a repeat waits, another input conflicts, a finished case is returned', async () => {
    const now = new Date();
    const stale = new Date(now.getTime() - 60_000);
    const results = await Promise.all([1, 2, 3, 4].map(() => store.claim('p1', 'claim-1', 'h1', now, stale)));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in-progress')).toHaveLength(3);
    expect(await store.claim('p1', 'claim-1', 'h2', now, stale)).toEqual({ kind: 'conflict' });
    expect(await store.claim('p2', 'claim-1', 'h2', now, stale)).toEqual({ kind: 'claimed', claimedAt: now }); // another owner's caseNo
    const record = { ...makeRecord({ caseNo: 'claim-1' }), owner: 'p1', inputHash: 'h1' };
    await store.create(record, null);
    expect(await store.claim('p1', 'claim-1', 'h1', now, stale)).toEqual({ kind: 'existing', id: record.id });
  });

  it('a claim abandoned by a crashed request is taken over once it is stale', async () => {
    const then = new Date(Date.now() - 120_000);
    expect(await store.claim('p1', 'claim-stale', 'h1', then, new Date(0))).toEqual({ kind: 'claimed', claimedAt: then });
    const now = new Date();
    const takeovers = await Promise.all([1, 2].map(() => store.claim('p1', 'claim-stale', 'h1', now, new Date(now.getTime() - 60_000))));
    expect(takeovers.map((t) => t.kind).sort()).toEqual(['claimed', 'in-progress']);
    // The slow first holder failing now must not release the claim that was taken over from it.
    await store.releaseClaim('p1', 'claim-stale', then);
    expect((await store.claim('p1', 'claim-stale', 'h1', new Date(), new Date(now.getTime() - 60_000))).kind).toBe('in-progress');
    await store.releaseClaim('p1', 'claim-stale', now);
    expect((await store.claim('p1', 'claim-stale', 'h1', new Date(), new Date(0))).kind).toBe('claimed');
  });

  it('the same caseNo can never hold two cases (unique key across replicas)', async () => {
    const a = makeRecord({ caseNo: 'unique-1' });
    await store.create(a, null);
    await expect(store.create({ ...makeRecord({ caseNo: 'unique-1' }) }, null)).rejects.toThrow();
  });

  it('decisions are append-only: manual reviews add to the history, UPDATE and DELETE are refused', async () => {
    const record = makeRecord({ outcome: 'REVIEW' });
    await store.create(record, null);
    const review = (outcome: 'APPROVE' | 'REJECT', note: string) => ({
      decision: {
        outcome,
        reasons: [{ code: 'MANUAL_REVIEW', message: note, rule: 'manual-review', outcome }],
        policyVersion: 'manual',
        decidedAt: new Date(),
        facts: null,
        decidedBy: 'reviewer-1',
        note,
      },
      nextPollAt: null,
    });
    await store.append(record.id, review('APPROVE', 'documents checked by hand'));
    await store.append(record.id, review('REJECT', 'second look: photo mismatch'));
    const read = (await store.get(record.id))!;
    expect(read.decisions.map((d) => [d.outcome, d.policyVersion, d.note, d.decidedBy])).toEqual([
      ['REVIEW', 'abcdef0123456789', null, null],
      ['APPROVE', 'manual', 'documents checked by hand', 'reviewer-1'],
      ['REJECT', 'manual', 'second look: photo mismatch', 'reviewer-1'],
    ]);
    expect(latestDecision(read).outcome).toBe('REJECT');
    expect(await store.outcomeOf(record.id)).toBe('REJECT');
    await expect(db.query(`UPDATE decisions SET outcome = 'APPROVE' WHERE identity_id = $1`, [record.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM decisions WHERE identity_id = $1`, [record.id])).rejects.toThrow(/append-only/);
    expect(read.decisions[0]!.facts).toEqual(record.decisions[0]!.facts);
  });

  it('pages over a few hundred cases without duplicates or gaps, newest first', async () => {
    const fresh = (await backend.open()).db;
    const s = new IdentityStore(fresh);
    const created: string[] = [];
    for (let i = 0; i < 230; i++) {
      const r = makeRecord({ outcome: i % 3 === 0 ? 'REVIEW' : 'APPROVE', country: i % 2 ? 'VN' : 'KH' });
      await s.create(r, null);
      created.push(r.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await s.list({}, 37, after, 'reader');
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(pages).toBe(Math.ceil(230 / 37));
    expect(seen).toEqual([...created].reverse());
    const review = await s.list({ outcome: 'REVIEW', country: 'KH' }, 100, null, 'reader');
    expect(review.edges.length).toBe(await s.count({ outcome: 'REVIEW', country: 'KH' }));
    expect(review.edges.every((e) => e.node.country === 'KH')).toBe(true);
    expect(review.edges.length).toBe(created.filter((_, i) => i % 3 === 0 && i % 2 === 0).length);
    await expect(s.list({}, 10, 'not-a-cursor', 'reader')).rejects.toThrow(/after/);
    await fresh.close();
  });
});

describe('restart', () => {
  it('PGlite on disk: the case, its decisions and its pending poll survive close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ekyc-store-'));
    const first = await pgliteBackend.open(dir);
    const record = makeRecord({ pending: true, outcome: 'PENDING' });
    await new IdentityStore(first.db).create(record, new Date(Date.now() + 5_000));
    await first.db.close();

    const second = await pgliteBackend.open(dir);
    expect(await new IdentityStore(second.db).get(record.id)).toEqual(record);
    expect(await new PendingPolls(second.db).count()).toBe(1);
    await second.db.close();
  });

  it.runIf(hasServer)('PostgreSQL: the same after the pool is closed and a new one opened', async () => {
    const first = await postgresBackend.open();
    const record = makeRecord({ pending: true, outcome: 'PENDING' });
    await new IdentityStore(first.db).create(record, new Date(Date.now() + 5_000));
    await first.db.close();
    const second = await postgresBackend.open(first.handle);
    expect(await new IdentityStore(second.db).get(record.id)).toEqual(record);
    expect(await new PendingPolls(second.db).count()).toBe(1);
    await second.db.close();
  });
});
