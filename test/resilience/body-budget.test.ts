import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyBudget } from '../../src/http/body-budget';
import { sampleJpeg } from '../../src/simulators/sample-image';
import { VERIFY, type TestGateway } from '../support/gateway';
import { rawPost, type RawPost } from '../support/raw-http';
import { faultyGateway } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails the test if `promise` has not settled within `ms`: the defect guarded against is an answer that never comes. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// Each request carries two ~1 MiB images (about 2.7 MB of base64).
const padded = Buffer.concat([sampleJpeg('pass'), Buffer.alloc(1024 * 1024, 7)]).toString('base64');
const input = (caseNo: string) => ({
  caseNo,
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: { base64: padded },
  documentBack: { base64: padded },
  faceSignatureId: 'pass',
});

describe('request body budget', () => {
  it('grants in arrival order within the budget, and a body larger than the budget runs alone', async () => {
    const budget = new BodyBudget(100, 0);
    const order: string[] = [];
    const a = await budget.acquire(60);
    const b = budget.acquire(50).then((release) => (order.push('b'), release));
    const c = budget.acquire(10).then((release) => (order.push('c'), release));
    await Promise.resolve();
    // c would fit, but waits behind b: no request is starved by smaller ones.
    expect(order).toEqual([]);
    expect(budget.queued).toBe(2);
    a();
    a(); // releasing twice gives nothing back twice
    const [releaseB, releaseC] = await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
    expect(budget.reserved).toBe(60);
    releaseB();
    releaseC();
    const huge = await budget.acquire(10_000);
    expect(budget.reserved).toBe(100);
    let small = false;
    const waiting = budget.acquire(1).then(() => (small = true));
    await Promise.resolve();
    expect(small).toBe(false);
    huge();
    await waiting;
    expect(small).toBe(true);
  });

  it('lets small bodies through without a reservation, even when the budget is taken', async () => {
    const budget = new BodyBudget(1024 * 1024);
    const large = await budget.acquire(5 * 1024 * 1024);
    const release = await budget.acquire(2_000);
    expect(budget.reserved).toBe(1024 * 1024);
    release();
    large();
    expect(budget.reserved).toBe(0);
  });

  it('a wait whose signal aborts leaves the queue, and those behind it move up', async () => {
    const budget = new BodyBudget(100, 0);
    const holder = await budget.acquire(60);
    const gone = new AbortController();
    const head = budget.acquire(100, gone.signal);
    const behind = budget.acquire(40);
    await Promise.resolve();
    expect(budget.queued).toBe(2);
    gone.abort(new Error('client went away'));
    await expect(within(2_000, head, 'the aborted wait')).rejects.toThrow('client went away');
    // The 40 fit beside the holder's 60 once the 100 ahead of them left.
    const releaseBehind = await behind;
    expect(budget.reserved).toBe(100);
    expect(budget.queued).toBe(0);
    releaseBehind();
    holder();
    expect(budget.reserved).toBe(0);
    await expect(budget.acquire(10, AbortSignal.abort(new Error('already gone')))).rejects.toThrow('already gone');
  });

  describe('over HTTP', () => {
    let gw: TestGateway;
    // Huawei answers after 400 ms; the budget holds one 2.7 MB request at a time.
    beforeAll(async () => {
      gw = await faultyGateway({ huawei: { latencyMs: 400 } }, { REQUEST_BODY_BUDGET_MB: '4' });
    });
    afterAll(() => gw?.close());

    it('verifications past the budget wait their turn, and are all answered', async () => {
      const started = performance.now();
      const answers = await Promise.all([1, 2, 3].map((i) => gw.gql(VERIFY, { input: input(`budget-${i}`) })));
      const elapsed = performance.now() - started;
      for (const res of answers) {
        expect(res.errors).toBeUndefined();
        expect(res.data!.verifyIdentity.decision.outcome).toBe('APPROVE');
      }
      // One 2.7 MB request fits the 4 MiB budget at a time: three of them take three vendor delays.
      expect(elapsed).toBeGreaterThanOrEqual(3 * 400);
    });

    /**
     * Three connections declare 25 MB, send one byte and stay open; four more declare 20 MB and close
     * at once. Returns the three held ones.
     */
    async function attack(headers: Record<string, string>): Promise<RawPost[]> {
      const held: RawPost[] = [];
      for (let i = 0; i < 3; i++) held.push(await rawPost(gw.url, { contentLength: 25_000_000, headers, body: '{' }));
      await sleep(200);
      const dropped = await Promise.all([1, 2, 3, 4].map(() => rawPost(gw.url, { contentLength: 20_000_000, headers })));
      for (const d of dropped) d.socket.end();
      await sleep(200);
      return held;
    }

    it('clients that go away mid-body or while waiting for the budget give it back: a large request is answered after', async () => {
      const held = await attack(gw.authHeaders);
      for (const h of held) h.socket.destroy();
      await Promise.all(held.map((h) => h.closed));
      const res = await within(10_000, gw.gql(VERIFY, { input: input('after-attack') }), 'a large verification after the attack');
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyIdentity.decision.outcome).toBe('APPROVE');
    });

    it('a large body without a valid API key gets 401 before it is read, and reserves nothing', async () => {
      const held = await attack({});
      const refused = await within(5_000, Promise.all(held.map((h) => h.response)), 'the held requests without a key');
      // The same answer Apollo Server gives a small request without a key.
      const small = await gw.gql('{ __typename }', undefined, { key: null });
      expect(small.status).toBe(401);
      for (const answer of refused) {
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toEqual({ errors: small.errors });
        expect(answer.headers['cache-control']).toBe('no-store');
      }
      // While they are still open, a large verification with a key runs at once.
      const res = await within(10_000, gw.gql(VERIFY, { input: input('beside-unauthenticated') }), 'a large verification beside them');
      expect(res.data!.verifyIdentity.decision.outcome).toBe('APPROVE');
      for (const h of held) h.socket.destroy();
    });
  });

  describe('over HTTP, with a 1 s body timeout', () => {
    let gw: TestGateway;
    // Huawei answers after 2.5 s, so a verification holds its 2.7 MB of the 4 MiB budget that long.
    beforeAll(async () => {
      // One key may hold the whole budget here: these tests are about the budget, not a key's share of it.
      gw = await faultyGateway(
        { huawei: { latencyMs: 2_500 } },
        { REQUEST_BODY_BUDGET_MB: '4', REQUEST_BODY_BUDGET_PER_KEY_MB: '4', REQUEST_BODY_TIMEOUT_MS: '1000', VENDOR_TIMEOUT_MS: '5000' },
      );
    });
    afterAll(() => gw?.close());

    it('a body that does not arrive in time gets 408, the connection is closed and the budget given back', async () => {
      const started = performance.now();
      const slow = await rawPost(gw.url, { contentLength: 3_000_000, headers: gw.authHeaders, body: '{"query":' });
      const answer = await within(5_000, slow.response, 'a slow sender');
      expect(answer.status).toBe(408);
      expect(performance.now() - started).toBeGreaterThanOrEqual(900);
      expect(JSON.parse(answer.body).errors[0].extensions).toEqual({ code: 'REQUEST_TIMEOUT' });
      expect(answer.headers.connection).toBe('close');
      await within(2_000, slow.closed, 'closing the slow connection');
      // Its 3 MB are free again: a 2.7 MB verification is admitted (else it would wait, then get 503).
      const res = await gw.gql(VERIFY, { input: input('after-slow-sender') });
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyIdentity.decision.outcome).toBe('APPROVE');
    });

    it('a request that waits for the budget longer than the timeout gets 503 with Retry-After', async () => {
      const holder = gw.gql(VERIFY, { input: input('budget-holder') });
      await sleep(300);
      const started = performance.now();
      const res = await within(
        5_000,
        request(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...gw.authHeaders },
          body: JSON.stringify({ query: VERIFY, variables: { input: input('turned-away') } }),
        }),
        'a request waiting for the budget',
      );
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      const body = (await res.body.json()) as { errors: Array<{ extensions: unknown }> };
      expect(body.errors[0]!.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfter: 5 });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await holder).data!.verifyIdentity.decision.outcome).toBe('APPROVE');
    });
  });
});
