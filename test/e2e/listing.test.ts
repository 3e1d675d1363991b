import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_BACKENDS, type GatewayDatabase } from '../support/e2e';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const LIST = /* GraphQL */ `
  query List($first: Int, $after: String, $filter: IdentityFilter) {
    identities(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          caseNo
          country
          decision {
            outcome
          }
        }
      }
    }
  }
`;

/** Every nested field a review screen shows, for every node: what must not cost a query per case. */
const LIST_DEEP = /* GraphQL */ `
  query ListDeep($first: Int) {
    identities(first: $first) {
      totalCount
      edges {
        node {
          id
          caseNo
          decision {
            outcome
            reasons {
              code
            }
            policyVersion
          }
          decisions {
            outcome
            decidedAt
            note
          }
          vendorResults {
            vendor
            status
            errorCode
          }
        }
      }
    }
  }
`;

/** Eight kinds of case, five of each: every country routed differently, and every outcome but PENDING. */
const KINDS: Array<{ kind: string; outcome: 'APPROVE' | 'REVIEW' | 'REJECT'; input: () => Record<string, unknown> }> = [
  { kind: 'kh-pass', outcome: 'APPROVE', input: () => kh('pass', 'pass') },
  { kind: 'kh-liveness', outcome: 'REJECT', input: () => kh('pass', 'liveness-attack') },
  { kind: 'kh-landmarks', outcome: 'REVIEW', input: () => kh('low-landmarks', 'pass') },
  {
    kind: 'vn-pass',
    outcome: 'APPROVE',
    input: () => ({ country: 'VN', documentType: 'NATIONAL_ID', documentFront: image('pass'), documentBack: image('pass'), faceSignatureId: 'pass' }),
  },
  {
    kind: 'vn-liveness',
    outcome: 'REJECT',
    input: () => ({ country: 'VN', documentType: 'NATIONAL_ID', documentFront: image('pass'), documentBack: image('pass'), faceSignatureId: 'liveness-attack' }),
  },
  { kind: 'id-pass', outcome: 'APPROVE', input: () => ({ country: 'ID', documentType: 'NATIONAL_ID', documentFront: image('pass'), faceSignatureId: 'pass' }) },
  { kind: 'id-forged', outcome: 'REJECT', input: () => ({ country: 'ID', documentType: 'NATIONAL_ID', documentFront: image('forged'), faceSignatureId: 'pass' }) },
  { kind: 'my-pass', outcome: 'APPROVE', input: () => ({ country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' }) },
];
const PER_KIND = 5;

function kh(back: string, face: string): Record<string, unknown> {
  return { country: 'KH', documentType: 'NATIONAL_ID', documentFront: image('pass'), documentBack: image(back), faceSignatureId: face };
}

interface Created {
  id: string;
  caseNo: string;
  country: string;
  outcome: string;
}

describe.each(GATEWAY_BACKENDS)('identities listing ($name)', (backend) => {
  let database: GatewayDatabase;
  let gw: TestGateway;
  /** Oldest first. */
  const created: Created[] = [];
  let beforeAllCases: string;

  beforeAll(async () => {
    database = await backend.open();
    // No background poller: it would run queries while the query count is being measured.
    gw = await startTestGateway({ DATABASE_URL: database.url, PENDING_POLL_INTERVAL_MS: '3600000' });
    beforeAllCases = new Date(Date.now() - 1_000).toISOString();
    for (let i = 0; i < PER_KIND; i += 1) {
      for (const kind of KINDS) {
        const caseNo = `list-${kind.kind}-${i}`;
        const res = await gw.gql(VERIFY, { input: { caseNo, ...kind.input() } });
        expect(res.errors).toBeUndefined();
        const identity = res.data!.verifyIdentity;
        expect([caseNo, identity.decision.outcome]).toEqual([caseNo, kind.outcome]);
        created.push({ id: identity.id, caseNo, country: identity.country, outcome: identity.decision.outcome });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await database?.dispose();
  });

  const list = async (variables: Record<string, unknown>) => {
    const res = await gw.gql(LIST, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.identities;
  };
  const newestFirst = (pick: (c: Created) => boolean = () => true) =>
    created
      .filter(pick)
      .map((c) => c.id)
      .reverse();
  const ids = (page: any) => page.edges.map((e: any) => e.node.id);

  it('pages of 7 following endCursor: every case exactly once, newest first, no gaps', async () => {
    expect(created).toHaveLength(40);
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (let round = 0; round < 20; round += 1) {
      const page: any = await list({ first: 7, after });
      expect(page.totalCount).toBe(40);
      expect(page.pageInfo.hasPreviousPage).toBe(false);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...ids(page));
      sizes.push(page.edges.length);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(sizes).toEqual([7, 7, 7, 7, 7, 5]);
    expect(seen).toEqual(newestFirst());
    expect(new Set(seen).size).toBe(40);
  });

  it('a cursor from the middle continues right after that case', async () => {
    const page = await list({ first: 12 });
    const cursorOfTenth = page.edges[9].cursor;
    const next = await list({ first: 5, after: cursorOfTenth });
    expect(ids(next)).toEqual(newestFirst().slice(10, 15));
  });

  it('filter by outcome REVIEW: only (and all) REVIEW cases', async () => {
    const page = await list({ first: 100, filter: { outcome: 'REVIEW' } });
    expect(page.totalCount).toBe(PER_KIND);
    expect(page.edges.every((e: any) => e.node.decision.outcome === 'REVIEW')).toBe(true);
    expect(ids(page)).toEqual(newestFirst((c) => c.outcome === 'REVIEW'));
  });

  it('filter by outcome, paged: the filter holds across pages', async () => {
    const first = await list({ first: 8, filter: { outcome: 'APPROVE' } });
    expect(first.totalCount).toBe(4 * PER_KIND);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await list({ first: 100, after: first.pageInfo.endCursor, filter: { outcome: 'APPROVE' } });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...ids(first), ...ids(rest)]).toEqual(newestFirst((c) => c.outcome === 'APPROVE'));
  });

  it.each(['KH', 'VN', 'ID', 'MY'])('filter by country %s', async (country) => {
    const page = await list({ first: 100, filter: { country } });
    expect(ids(page)).toEqual(newestFirst((c) => c.country === country));
    expect(page.totalCount).toBe(created.filter((c) => c.country === country).length);
    expect(page.edges.every((e: any) => e.node.country === country)).toBe(true);
  });

  it('filter by country is case-insensitive, and combines with outcome', async () => {
    const page = await list({ first: 100, filter: { country: 'kh', outcome: 'REJECT' } });
    expect(ids(page)).toEqual(newestFirst((c) => c.country === 'KH' && c.outcome === 'REJECT'));
    expect(page.totalCount).toBe(PER_KIND);
  });

  it('filter by caseNo: that one case', async () => {
    const target = created[13]!;
    const page = await list({ filter: { caseNo: target.caseNo } });
    expect(page.totalCount).toBe(1);
    expect(page.edges.map((e: any) => [e.node.id, e.node.caseNo])).toEqual([[target.id, target.caseNo]]);
    expect(page.pageInfo.hasNextPage).toBe(false);

    const none = await list({ filter: { caseNo: 'no-such-case' } });
    expect(none).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
  });

  it('filter by creation time: after the future is empty; after before everything is everything', async () => {
    const future = await list({ filter: { createdAfter: new Date(Date.now() + 24 * 3600 * 1000).toISOString() } });
    expect(future).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const all = await list({ first: 100, filter: { createdAfter: beforeAllCases } });
    expect(all.totalCount).toBe(40);
    const none = await list({ first: 100, filter: { createdBefore: beforeAllCases } });
    expect(none.totalCount).toBe(0);
  });

  it('no first: the default page of 20', async () => {
    const page = await list({});
    expect(ids(page)).toEqual(newestFirst().slice(0, 20));
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it.each([
    ['caseNo', 'a\u0000'],
    ['caseNo', 'case-\udc00'],
    ['country', 'K\u0000'],
    ['country', 'K\ud800'],
  ])('filter %s: %j (not text PostgreSQL holds) is BAD_USER_INPUT naming it', async (key, value) => {
    const res = await gw.gql(LIST, { filter: { [key]: value } });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: `filter.${key}` });
    expect(res.errors![0]!.message).toBe(`filter.${key}: must be text without NUL characters or unpaired surrogates`);
  });

  it('first: -1 is BAD_USER_INPUT naming first', async () => {
    const res = await gw.gql(LIST, { first: -1 });
    expect(res.data).toBeNull();
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it.each(['garbage', '', 'aWRlbnRpdHk6YWJj', Buffer.from('identity:1 OR 1=1').toString('base64url')])('after: %j is BAD_USER_INPUT naming after', async (after) => {
    const res = await gw.gql(LIST, { first: 5, after });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(res.errors![0]!.message).toMatch(/^after: /);
  });

  it('nested decision, decisions and vendorResults of a whole page: a fixed, small number of queries', async () => {
    const queriesFor = async (first: number) => {
      const before = gw.db.queryCount;
      const res = await gw.gql(LIST_DEEP, { first });
      const used = gw.db.queryCount - before;
      expect(res.errors).toBeUndefined();
      const edges = res.data!.identities.edges;
      expect(edges).toHaveLength(Math.min(first, 40));
      // The nested data is really there, per case, not just cheap.
      for (const { node } of edges) {
        const mine = created.find((c) => c.id === node.id)!;
        expect(node.decision.outcome).toBe(mine.outcome);
        expect(node.decisions).toHaveLength(1);
        expect(node.vendorResults.length).toBeGreaterThan(0);
      }
      return used;
    };
    const ten = await queriesFor(10);
    const forty = await queriesFor(40);
    const hundred = await queriesFor(100);
    expect(ten).toBeLessThanOrEqual(5);
    expect(forty).toBe(ten);
    expect(hundred).toBe(ten);
  });

  // Last: adds cases, so the exact counts above no longer hold after it.
  it('first over 100 is capped at 100', async () => {
    const extra = Array.from({ length: 61 }, (_, i) => `list-cap-${i}`);
    for (let i = 0; i < extra.length; i += 10) {
      const batch = await Promise.all(
        extra.slice(i, i + 10).map((caseNo) => gw.gql(VERIFY, { input: { caseNo, country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' } })),
      );
      for (const res of batch) expect(res.errors).toBeUndefined();
    }
    for (const first of [101, 1000]) {
      const page = await list({ first });
      expect(page.totalCount).toBe(101);
      expect(page.edges).toHaveLength(100);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const last = await list({ first, after: page.pageInfo.endCursor });
      expect(last.edges).toHaveLength(1);
      expect(last.edges[0].node.id).toBe(created[0]!.id); // the oldest case ends the listing
      expect(last.pageInfo.hasNextPage).toBe(false);
    }
  }, 60_000);
});
