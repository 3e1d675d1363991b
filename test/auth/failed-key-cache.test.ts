import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/auth/api-key-store';
import { Authenticator } from '../../src/auth/authenticator';
import { RateLimiter } from '../../src/auth/rate-limiter';
import { FailedKeyCache } from '../../src/auth/failed-key-cache';
import { waitFor } from '../support/e2e';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { pgliteBackend } from '../support/databases';
import { scrape } from '../support/prometheus-text';

describe('FailedKeyCache', () => {
  it('remembers a hash for its TTL, and past its size forgets the least recently seen', () => {
    let now = 0;
    const cache = new FailedKeyCache(1_000, 2, () => now);
    cache.add('a');
    cache.add('b');
    expect(cache.has('a')).toBe(true); // a is now the most recently seen
    cache.add('c'); // forgets b
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
    now = 1_000;
    expect(cache.has('a')).toBe(false);
    expect(cache.size).toBe(1); // an expired entry is dropped when seen
  });
});

describe('Authenticator caches', () => {
  it('a flood of distinct wrong keys does not push a known key out: it is not looked up again', async () => {
    const { db } = await pgliteBackend.open();
    try {
      const keys = new ApiKeyStore(db);
      const { key } = await keys.create({ name: 'known', scopes: ['*'] });
      const looked: string[] = [];
      const authenticator = new Authenticator(keys, new RateLimiter({ perMinute: 60_000, burst: 1_000 }), {
        failureCacheMs: 60_000,
        maxCachedKeys: 10,
        onLookup: (result) => looked.push(result),
      });
      const asKey = (k: string) => authenticator.authenticate({ authorization: `Bearer ${k}` });
      expect((await asKey(key)).name).toBe('known');
      for (let i = 0; i < 50; i++) await expect(asKey(`wrong-key-${i}-0123456789abcdef`)).rejects.toThrow('unknown, revoked or expired');
      expect((await asKey(key)).name).toBe('known');
      expect(looked.filter((r) => r === 'found')).toHaveLength(1);
      expect(looked.filter((r) => r === 'refused')).toHaveLength(50);
      // The failed keys' cache is bounded too: the first wrong keys were forgotten and cost a lookup again.
      await expect(asKey('wrong-key-0-0123456789abcdef')).rejects.toThrow();
      await expect(asKey('wrong-key-49-0123456789abcdef')).rejects.toThrow();
      expect(looked.filter((r) => r === 'refused')).toHaveLength(51);
    } finally {
      await db.close();
    }
  });
});

describe('authentication failures over HTTP', () => {
  const FAILURE_CACHE_MS = 1_500;
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ AUTH_FAILURE_CACHE_MS: String(FAILURE_CACHE_MS) });
  });
  afterAll(() => gw?.close());

  const lookups = async (result: 'found' | 'refused') => (await scrape(gw.url)).value('ekyc_api_key_lookups_total', { result }) ?? 0;

  it('a wrong key sent again and again is looked up once; created later, it works once its failure has expired', async () => {
    const key = 'not-yet-created-key-0123456789abcdef';
    const refusedBefore = await lookups('refused');
    for (let i = 0; i < 20; i++) expect((await gw.gql('{ __typename }', undefined, { key })).status).toBe(401);
    expect(await lookups('refused')).toBe(refusedBefore + 1);

    // Created beside the gateway (as the CLI does from another process): the remembered failure
    // still refuses it, without a lookup, until it expires; then it works.
    await new ApiKeyStore(gw.db).create({ name: 'late-partner', scopes: ['*'], key });
    expect((await gw.gql('{ __typename }', undefined, { key })).status).toBe(401);
    expect(await lookups('refused')).toBe(refusedBefore + 1);
    const foundBefore = await lookups('found');
    await waitFor(async () => ((await gw.gql('{ __typename }', undefined, { key })).status === 200 ? true : undefined), {
      timeoutMs: FAILURE_CACHE_MS + 10_000,
      intervalMs: 100,
      what: 'the new key to be accepted',
    });
    expect(await lookups('found')).toBe(foundBefore + 1);
    // Known now: answered from the cache of usable keys, not looked up again.
    for (let i = 0; i < 5; i++) expect((await gw.gql('{ __typename }', undefined, { key })).status).toBe(200);
    expect(await lookups('found')).toBe(foundBefore + 1);
  });
});
