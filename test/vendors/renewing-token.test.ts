import { describe, expect, it } from 'vitest';
import { RenewingToken, type IssuedToken } from '../../src/vendors/renewing-token';
import { VendorTokenError } from '../../src/vendors/token-error';

/** A token issuer whose answers the test releases one by one, on a fake clock. */
function fakeIssuer(clock: { now: number }, lifetimeMs = 3_600_000) {
  let issued = 0;
  const pending: Array<{ resolve: (t: IssuedToken) => void; reject: (e: unknown) => void }> = [];
  return {
    get issued() {
      return issued;
    },
    pending,
    issue: (): Promise<IssuedToken> =>
      new Promise<IssuedToken>((resolve, reject) => {
        issued += 1;
        pending.push({ resolve, reject });
      }),
    release(): void {
      pending.shift()!.resolve({ token: `token-${issued}`, expiresAt: clock.now + lifetimeMs });
    },
  };
}

/** A RenewingToken over a fake issuer on a fake clock starting at `start`, with the gateway's margins (60 s, a tenth). */
function onFakeClock(start: number, lifetimeMs: number) {
  const clock = { now: start };
  const issuer = fakeIssuer(clock, lifetimeMs);
  const cache = new RenewingToken(issuer.issue, { now: () => clock.now, maxMarginMs: 60_000, marginFraction: 0.1 });
  return { clock, issuer, cache };
}

const flush = () => new Promise((r) => setImmediate(r));
const never = new AbortController().signal;

describe('RenewingToken', () => {
  it('shares one renewal between concurrent callers and then serves from the cache', async () => {
    const { issuer, cache } = onFakeClock(1_000_000, 3_600_000);
    const waiting = Promise.all([cache.get(never), cache.get(never), cache.get(never)]);
    await flush();
    expect(issuer.issued).toBe(1);
    issuer.release();
    expect(await waiting).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await cache.get(never)).toBe('token-1');
    expect(issuer.issued).toBe(1);
  });

  it('renews within the margin before expiry, handing out the still-valid token meanwhile', async () => {
    const { clock, issuer, cache } = onFakeClock(0, 3_600_000);
    const first = cache.get(never);
    await flush();
    issuer.release();
    expect(await first).toBe('token-1');
    clock.now = 3_540_000 - 1; // one ms before the margin starts
    expect(await cache.get(never)).toBe('token-1');
    expect(issuer.issued).toBe(1);
    clock.now = 3_540_000;
    expect(await cache.get(never)).toBe('token-1');
    await flush();
    expect(issuer.issued).toBe(2);
    issuer.release();
    await flush();
    expect(await cache.get(never)).toBe('token-2');
  });

  it('in the second half of the margin waits for the renewal and sees its failure, never handing out a token about to expire', async () => {
    const { clock, issuer, cache } = onFakeClock(0, 3_600_000);
    const first = cache.get(never);
    await flush();
    issuer.release();
    await first;
    clock.now = 3_570_000 - 1; // half the 60 s margin left, less 1 ms: still handed out
    expect(await cache.get(never)).toBe('token-1');
    await flush();
    issuer.pending.shift()!.reject(new VendorTokenError('TOKEN_SERVICE_DOWN', 'down'));
    await flush();
    clock.now = 3_570_000;
    const waiting = cache.get(never);
    await flush();
    expect(issuer.issued).toBe(3);
    issuer.pending.shift()!.reject(new VendorTokenError('TOKEN_SERVICE_DOWN', 'down'));
    await expect(waiting).rejects.toThrow(VendorTokenError);
  });

  it('waits for a renewal once the token has expired', async () => {
    const { clock, issuer, cache } = onFakeClock(0, 3_600_000);
    const first = cache.get(never);
    await flush();
    issuer.release();
    await first;
    clock.now = 3_600_000;
    const second = cache.get(never);
    await flush();
    expect(issuer.issued).toBe(2);
    issuer.release();
    expect(await second).toBe('token-2');
  });

  it('caps the margin at a tenth of a short token lifetime', async () => {
    const { clock, issuer, cache } = onFakeClock(0, 60_000);
    const first = cache.get(never);
    await flush();
    issuer.release();
    await first;
    clock.now = 53_999;
    expect(await cache.get(never)).toBe('token-1');
    expect(issuer.issued).toBe(1);
  });

  it('invalidate drops only the refused token, so concurrent refusals renew once', async () => {
    const { issuer, cache } = onFakeClock(0, 3_600_000);
    const first = cache.get(never);
    await flush();
    issuer.release();
    expect(await first).toBe('token-1');
    cache.invalidate('token-1');
    const a = cache.get(never);
    cache.invalidate('token-1');
    const b = cache.get(never);
    await flush();
    expect(issuer.issued).toBe(2);
    issuer.release();
    expect(await Promise.all([a, b])).toEqual(['token-2', 'token-2']);
    cache.invalidate('token-1'); // a late refusal of the old token keeps the new one
    expect(await cache.get(never)).toBe('token-2');
    expect(issuer.issued).toBe(2);
  });

  it('does not cache a failed renewal', async () => {
    const { issuer, cache } = onFakeClock(0, 3_600_000);
    const failing = cache.get(never);
    await flush();
    issuer.pending.shift()!.reject(new VendorTokenError('PARAMETER_ERROR', 'refused'));
    await expect(failing).rejects.toMatchObject({ code: 'PARAMETER_ERROR' });
    const retry = cache.get(never);
    await flush();
    expect(issuer.issued).toBe(2);
    issuer.release();
    expect(await retry).toBe('token-2');
  });

  it('a caller whose signal aborts stops waiting without cancelling the shared renewal', async () => {
    const { issuer, cache } = onFakeClock(0, 3_600_000);
    const controller = new AbortController();
    const impatient = cache.get(controller.signal);
    const patient = cache.get(never);
    await flush();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ name: 'AbortError' });
    issuer.release();
    expect(await patient).toBe('token-1');
    expect(issuer.issued).toBe(1);
  });
});
