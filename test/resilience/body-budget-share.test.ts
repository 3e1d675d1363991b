import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyBudget } from '../../src/http/body-budget';
import { sampleJpeg } from '../../src/simulators/sample-image';
import { VERIFY, type TestGateway } from '../support/gateway';
import { rawPost, type RawPost } from '../support/raw-http';
import { faultyGateway } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails the test if `promise` has not settled within `ms`. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Whether `promise` has settled after the microtasks queued now have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await sleep(0);
  return done;
}

describe("a key's share of the body budget", () => {
  it('a key past its share waits without holding up the keys behind it, and goes first once it has room', async () => {
    const budget = new BodyBudget(100, 0, 40);
    const a1 = await budget.acquire(30, undefined, 'a');
    const a2 = budget.acquire(30, undefined, 'a'); // 60 > 40: waits
    const b = budget.acquire(50, undefined, 'b'); // behind a2, but a2 cannot go: b is granted
    expect(await settled(a2)).toBe(false);
    expect(await settled(b)).toBe(true);
    expect(budget.heldBy('a')).toBe(30);
    expect(budget.heldBy('b')).toBe(50);
    expect(budget.queued).toBe(1);
    expect(budget.hasShareFor('a', 30)).toBe(false);
    const c = budget.acquire(30, undefined, 'c'); // does not fit the budget (80 + 30): waits behind a2
    a1();
    // a2 now fits its share and the budget (50 + 30) and was first in line; c still waits.
    expect(await settled(a2)).toBe(true);
    expect(await settled(c)).toBe(false);
    (await b)();
    expect(await settled(c)).toBe(true);
    (await a2)();
    (await c)();
    expect(budget.reserved).toBe(0);
    expect(budget.heldBy('a')).toBe(0);
  });

  it('a key holding nothing may take one body larger than its share; a second waits', async () => {
    const budget = new BodyBudget(100, 0, 20);
    const big = await budget.acquire(60, undefined, 'a');
    const more = budget.acquire(10, undefined, 'a');
    expect(await settled(more)).toBe(false);
    const other = await budget.acquire(20, undefined, 'b');
    big();
    expect(await settled(more)).toBe(true);
    other();
    (await more)();
    expect(budget.reserved).toBe(0);
  });

  it('a waiting request that leaves gives its place up; the share it waited for is not counted', async () => {
    const budget = new BodyBudget(100, 0, 40);
    const held = await budget.acquire(40, undefined, 'a');
    const gone = new AbortController();
    const waiting = budget.acquire(40, gone.signal, 'a');
    gone.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    expect(budget.queued).toBe(0);
    expect(budget.heldBy('a')).toBe(40);
    held();
    expect(budget.heldBy('a')).toBe(0);
  });
});

// Each verification carries two ~1 MiB images (about 2.7 MB of base64).
const padded = Buffer.concat([sampleJpeg('pass'), Buffer.alloc(1024 * 1024, 7)]).toString('base64');
const input = (caseNo: string) => ({
  caseNo,
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: { base64: padded },
  documentBack: { base64: padded },
  faceSignatureId: 'pass',
});

const TRICKLER_KEY = 'trickler-key-0123456789abcdef';
const BODY_TIMEOUT_MS = 8_000;

describe("a key's share of the body budget, over HTTP", () => {
  let gw: TestGateway;
  // A 16 MiB budget of which one key holds at most 4 MiB; bodies must arrive within 8 s.
  beforeAll(async () => {
    gw = await faultyGateway(
      {},
      {
        REQUEST_BODY_BUDGET_MB: '16',
        REQUEST_BODY_BUDGET_PER_KEY_MB: '4',
        REQUEST_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
        API_KEYS: JSON.stringify([{ name: 'trickler', key: TRICKLER_KEY, scopes: ['*'], rateLimit: { perMinute: 10_000, burst: 1_000 } }]),
      },
    );
  });
  afterAll(() => gw?.close());

  it("one key trickling large bodies does not hold up another key's verification; its extra requests get 429", { timeout: 60_000 }, async () => {
    // Six 3 MB bodies that never arrive: past the whole 16 MiB budget. The first takes the key's
    // share; the other five wait for it.
    const held: RawPost[] = [];
    for (let i = 0; i < 6; i++) held.push(await rawPost(gw.url, { contentLength: 3_000_000, headers: { authorization: `Bearer ${TRICKLER_KEY}` }, body: '{' }));
    await sleep(300);
    try {
      // Another key's 2.7 MB verification goes at once, not after the trickler's bodies time out.
      const res = await within(BODY_TIMEOUT_MS - 2_000, gw.gql(VERIFY, { input: input('beside-trickler') }), "another key's verification");
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyIdentity.decision.outcome).toBe('APPROVE');

      // The trickler's requests: the one holding its share gets 408 (its body never came), the ones
      // still waiting for the share 429 with Retry-After; none holds the budget past that.
      const answers = await within(3 * BODY_TIMEOUT_MS, Promise.all(held.map((h) => h.response)), "the trickler's requests");
      const statuses = answers.map((a) => a.status);
      expect(
        statuses.every((s) => s === 408 || s === 429),
        statuses.join(','),
      ).toBe(true);
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(4);
      for (const a of limited) {
        expect(a.headers['retry-after']).toBe('5');
        expect(JSON.parse(a.body).errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 5 });
      }
    } finally {
      for (const h of held) h.socket.destroy();
    }
    // All given back: the budget is whole again.
    await sleep(200);
    const after = await within(10_000, gw.gql(VERIFY, { input: input('after-trickler') }), 'a verification after');
    expect(after.data!.verifyIdentity.decision.outcome).toBe('APPROVE');
  });
});
