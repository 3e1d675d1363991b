import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTITY_REPRESENTATIONS } from '../../src/graphql/entity-guard';
import { GATEWAY_BACKENDS, khInput, uniqueSuffix, type GatewayDatabase } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const OWNER_KEY = 'entities-owner-key-0123456789abcdef';
const OTHER_KEY = 'entities-other-key-0123456789abcdef';
const rate = { perMinute: 1_000_000, burst: 100_000 };
const API_KEYS = JSON.stringify([
  { name: 'owner', key: OWNER_KEY, scopes: ['identity:verify', 'identity:read'], rateLimit: rate },
  { name: 'other', key: OTHER_KEY, scopes: ['identity:verify', 'identity:read'], rateLimit: rate },
]);

const TYPENAMES = 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
const CASES = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Identity { id caseNo } } }';
const DECIDED = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Identity { id decision { outcome } vendorResults { vendor } } } }';

const randomIds = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Identity', id: randomUUID() }));

/**
 * `_entities` reads the cases a request names together: one query however many representations (a
 * query per representation let one request of thousands hold the gateway for a second), owner scoping
 * kept, and a request carrying more than a router would send refused before anything is read.
 */
describe.each(GATEWAY_BACKENDS)('_entities in one batch ($name)', (backend) => {
  let database: GatewayDatabase;
  let gw: TestGateway;
  const mine: Array<{ id: string; caseNo: string }> = [];
  const theirs: string[] = [];

  beforeAll(async () => {
    database = await backend.open();
    gw = await startTestGateway({ NODE_ENV: 'production', DATABASE_URL: database.url, API_KEYS, MAX_QUERY_COMPLEXITY: '5000' });
    const suffix = uniqueSuffix();
    for (let i = 0; i < 4; i++) {
      const own = await gw.gql(VERIFY, { input: khInput(`batch-mine-${suffix}-${i}`) }, { key: OWNER_KEY });
      mine.push({ id: own.data!.verifyIdentity.id, caseNo: `batch-mine-${suffix}-${i}` });
      const other = await gw.gql(VERIFY, { input: khInput(`batch-theirs-${suffix}-${i}`) }, { key: OTHER_KEY });
      theirs.push(other.data!.verifyIdentity.id);
    }
  });
  afterAll(async () => {
    await gw?.close();
    await database?.dispose();
  });

  /** The statements one request ran, after a first identical request warmed the key's caches. */
  async function queriesOf(query: string, r: unknown[]) {
    await gw.gql(query, { r }, { key: OWNER_KEY });
    const before = gw.db.queryCount;
    const res = await gw.gql(query, { r }, { key: OWNER_KEY });
    return { res, queries: gw.db.queryCount - before };
  }

  it("50 representations (own cases, another key's, unknown ids, ids that are not strings) are one query, owner-scoped", async () => {
    const r = [
      ...mine.map(({ id }) => ({ __typename: 'Identity', id })),
      ...theirs.map((id) => ({ __typename: 'Identity', id })),
      { __typename: 'Identity', id: mine[0]!.id.toUpperCase() },
      { __typename: 'Identity', id: 42 },
      { __typename: 'Identity', id: 'not-a-uuid' },
      ...randomIds(39),
    ];
    expect(r).toHaveLength(50);
    const { res, queries } = await queriesOf(CASES, r);
    expect(res.errors).toBeUndefined();
    expect(queries).toBe(1);
    const entities = res.data!._entities as Array<{ id: string; caseNo: string } | null>;
    expect(entities.slice(0, 4)).toEqual(mine);
    // Another key's cases read as none, like unknown ones.
    expect(entities.slice(4, 8)).toEqual([null, null, null, null]);
    expect(entities[8]).toEqual(mine[0]);
    expect(entities.slice(9).every((e) => e === null)).toBe(true);
  });

  it('nested decisions and vendor results add one query each, whatever the count', async () => {
    const few = await queriesOf(DECIDED, [...mine.map(({ id }) => ({ __typename: 'Identity', id })), ...randomIds(6)]);
    const many = await queriesOf(DECIDED, [...mine.map(({ id }) => ({ __typename: 'Identity', id })), ...randomIds(196)]);
    expect(few.res.errors).toBeUndefined();
    expect(many.res.errors).toBeUndefined();
    for (const res of [few.res, many.res]) {
      const own = (res.data!._entities as Array<{ decision: { outcome: string }; vendorResults: unknown[] }>).slice(0, 4);
      for (const e of own) {
        expect(e.decision.outcome).toMatch(/^(APPROVE|REVIEW|REJECT)$/);
        expect(e.vendorResults.length).toBeGreaterThan(0);
      }
    }
    expect(few.queries).toBeLessThanOrEqual(2);
    expect(many.queries).toBe(few.queries);
  });

  it('aliased identity reads in one request are one query too', async () => {
    const query = `{ ${[...mine.map((m) => m.id), ...theirs].map((id, i) => `a${i}: identity(id: "${id}") { caseNo }`).join(' ')} }`;
    await gw.gql(query, undefined, { key: OWNER_KEY });
    const before = gw.db.queryCount;
    const res = await gw.gql(query, undefined, { key: OWNER_KEY });
    expect(gw.db.queryCount - before).toBe(1);
    expect(Object.values(res.data!).map((v) => (v as { caseNo: string } | null)?.caseNo ?? null)).toEqual([...mine.map((m) => m.caseNo), null, null, null, null]);
  });

  it(`2,000 representations are refused before any is read (at most ${MAX_ENTITY_REPRESENTATIONS})`, async () => {
    const { res, queries } = await queriesOf(TYPENAMES, randomIds(2_000));
    expect(queries).toBe(0);
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: `representations: at most ${MAX_ENTITY_REPRESENTATIONS} per request; send more in separate requests`,
        extensions: { code: 'BAD_USER_INPUT', field: 'representations' },
      }),
    ]);
  });

  it(`${MAX_ENTITY_REPRESENTATIONS} representations are answered, in one query`, async () => {
    const { res, queries } = await queriesOf(TYPENAMES, [{ __typename: 'Identity', id: mine[0]!.id }, ...randomIds(MAX_ENTITY_REPRESENTATIONS - 1)]);
    expect(res.errors).toBeUndefined();
    expect(queries).toBe(1);
    const entities = res.data!._entities as Array<{ __typename: string } | null>;
    expect(entities).toHaveLength(MAX_ENTITY_REPRESENTATIONS);
    expect(entities[0]).toEqual({ __typename: 'Identity' });
    expect(entities.filter((e) => e !== null)).toHaveLength(1);
  });
});

/** Each representation is priced like an `identity` read, even when only `__typename` is asked for. */
describe('_entities in the query cost', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production', MAX_QUERY_COMPLEXITY: '500' });
  });
  afterAll(() => gw?.close());

  // { __typename }: 1 + 250 × 1; { id caseNo }: 1 + 166 × 3 and 1 + 167 × 3.
  it.each([
    ['{ __typename }', TYPENAMES, 249, 'answered'],
    ['{ __typename }', TYPENAMES, 250, 501],
    ['{ id caseNo }', CASES, 166, 'answered'],
    ['{ id caseNo }', CASES, 167, 502],
  ] as const)('%s over %i representations: %s', async (_selection, query, n, cost) => {
    const before = gw.db.queryCount;
    const res = await gw.gql(query, { r: randomIds(n) });
    if (cost === 'answered') {
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(n);
    } else {
      expect(res.status).toBe(400);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: cost, maxComplexity: 500 });
      expect(gw.db.queryCount).toBe(before);
    }
  });
});
