import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasServer } from '../support/databases';
import { createServerSchema, khInput, uniqueSuffix, type ServerSchema } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const LIST = /* GraphQL */ `
  query List($first: Int, $after: String) {
    identities(first: $first, after: $after) {
      edges {
        cursor
        node {
          caseNo
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;
const rate = { perMinute: 1_000_000, burst: 100_000 };
const KEY_A = 'cursor-tenant-a-key-0123456789abcdef';
const KEY_B = 'cursor-tenant-b-key-0123456789abcdef';
const KEY_ALL = 'cursor-reads-all-key-0123456789abcdef';
const API_KEYS = JSON.stringify([
  { name: 'tenant-a', key: KEY_A, scopes: ['identity:verify', 'identity:read'], rateLimit: rate },
  { name: 'tenant-b', key: KEY_B, scopes: ['identity:verify', 'identity:read'], rateLimit: rate },
  { name: 'reads-all', key: KEY_ALL, scopes: ['identity:read', 'identity:read:all'], rateLimit: rate },
]);

async function verifyAs(gw: TestGateway, key: string, caseNos: string[]): Promise<void> {
  for (const caseNo of caseNos) {
    const res = await gw.gql(VERIFY, { input: khInput(caseNo) }, { key });
    expect(res.errors).toBeUndefined();
  }
}

async function page(gw: TestGateway, key: string, first: number, after: string | null) {
  return gw.gql(LIST, { first, after }, { key });
}

function expectRefusedCursor(res: Awaited<ReturnType<typeof page>>): void {
  expect(res.data).toBeNull();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  expect(res.errors![0]!.message).toBe('after: is not a cursor this listing gave this API key');
}

/**
 * Listing cursors are opaque and belong to the key that was given them: they carried the global
 * insertion sequence in clear (`identity:<n>`), so a tenant could count every tenant's cases, and
 * page with a cursor it made up.
 */
describe('listing cursors', () => {
  let dir: string;
  let gw: TestGateway;
  const suffix = uniqueSuffix();
  const env = () => ({ NODE_ENV: 'production', DATABASE_URL: '', DATA_DIR: dir, API_KEYS });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ekyc-cursors-'));
    gw = await startTestGateway(env());
    await verifyAs(
      gw,
      KEY_A,
      [0, 1, 2, 3].map((i) => `cur-a-${suffix}-${i}`),
    );
    await verifyAs(
      gw,
      KEY_B,
      [0, 1].map((i) => `cur-b-${suffix}-${i}`),
    );
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('page with them as before: every own case once, newest first', async () => {
    const first = await page(gw, KEY_A, 2, null);
    const second = await page(gw, KEY_A, 2, first.data!.identities.pageInfo.endCursor);
    const caseNos = [...first.data!.identities.edges, ...second.data!.identities.edges].map((e: { node: { caseNo: string } }) => e.node.caseNo);
    expect(caseNos).toEqual([3, 2, 1, 0].map((i) => `cur-a-${suffix}-${i}`));
    expect(second.data!.identities.pageInfo.hasNextPage).toBe(false);
  });

  it('say nothing: no sequence inside, and the same case listed twice gets a different cursor', async () => {
    const one = (await page(gw, KEY_A, 4, null)).data!.identities.edges.map((e: { cursor: string }) => e.cursor);
    const two = (await page(gw, KEY_A, 4, null)).data!.identities.edges.map((e: { cursor: string }) => e.cursor);
    for (const cursor of [...one, ...two]) {
      expect(cursor).toMatch(/^[A-Za-z0-9_-]{48}$/);
      expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('identity:');
    }
    // A readable or sequential encoding would give the four cursors of one page a common start;
    // random ones share three leading characters with odds of about one in ten thousand.
    const starts = new Set([...one, ...two].map((cursor: string) => cursor.slice(0, 3)));
    expect(starts.size).toBe(one.length + two.length);
    expect(one.filter((c: string, i: number) => c === two[i])).toEqual([]);
  });

  it("another key's cursor is BAD_USER_INPUT on after, also for a key that reads every case", async () => {
    const cursor = (await page(gw, KEY_A, 1, null)).data!.identities.pageInfo.endCursor;
    expectRefusedCursor(await page(gw, KEY_B, 5, cursor));
    expectRefusedCursor(await page(gw, KEY_ALL, 5, cursor));
  });

  it('a cursor altered by one character, or one in the old form, is BAD_USER_INPUT on after', async () => {
    const cursor: string = (await page(gw, KEY_A, 1, null)).data!.identities.pageInfo.endCursor;
    for (const at of [0, 20, 47]) {
      const altered = `${cursor.slice(0, at)}${cursor[at] === 'A' ? 'B' : 'A'}${cursor.slice(at + 1)}`;
      expectRefusedCursor(await page(gw, KEY_A, 5, altered));
    }
    expectRefusedCursor(await page(gw, KEY_A, 5, Buffer.from('identity:3', 'utf8').toString('base64url')));
    expectRefusedCursor(await page(gw, KEY_A, 5, `${cursor}A`));
  });

  it('still page after a restart: the secret is in the database, not the process', { timeout: 120_000 }, async () => {
    const cursor = (await page(gw, KEY_A, 1, null)).data!.identities.pageInfo.endCursor;
    await gw.close();
    gw = await startTestGateway(env());
    const next = await page(gw, KEY_A, 1, cursor);
    expect(next.errors).toBeUndefined();
    expect(next.data!.identities.edges[0].node.caseNo).toBe(`cur-a-${suffix}-2`);
  });
});

/** Replicas on one PostgreSQL database share the secret: a cursor one gave pages on the other. */
describe.runIf(hasServer)('listing cursors across replicas on one PostgreSQL database', () => {
  let schema: ServerSchema;
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    schema = await createServerSchema();
    a = await startTestGateway({ DATABASE_URL: schema.url, API_KEYS });
    b = await startTestGateway({ DATABASE_URL: schema.url, API_KEYS });
    await verifyAs(a, KEY_A, ['r-0', 'r-1', 'r-2']);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await schema?.drop();
  });

  it('a cursor from replica a continues on replica b', async () => {
    const cursor = (await page(a, KEY_A, 1, null)).data!.identities.pageInfo.endCursor;
    const next = await page(b, KEY_A, 5, cursor);
    expect(next.errors).toBeUndefined();
    expect(next.data!.identities.edges.map((e: { node: { caseNo: string } }) => e.node.caseNo)).toEqual(['r-1', 'r-0']);
    expectRefusedCursor(await page(b, KEY_B, 5, cursor));
  });
});
