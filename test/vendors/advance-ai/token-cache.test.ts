import { describe, expect, it } from 'vitest';
import {
  AdvanceTokenCache,
  AdvanceTokenError,
  parseTokenAnswer,
  tokenSignature,
  toTokenRequestBody,
  type IssuedToken,
} from '../../../src/vendors/advance-ai/token-cache';

describe('tokenSignature', () => {
  it('matches the vendor’s documented example', () => {
    expect(tokenSignature('sampleaccesskey', 'samplesecretkey', 1665993522952)).toBe(
      '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5',
    );
    expect(tokenSignature('sampleaccesskey', 'samplesecretkey', '1665993522952')).toBe(
      '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5',
    );
  });

  it('signs the timestamp that is sent', () => {
    expect(JSON.parse(toTokenRequestBody('sampleaccesskey', 'samplesecretkey', 1665993522952, 120))).toEqual({
      accessKey: 'sampleaccesskey',
      timestamp: 1665993522952,
      signature: '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5',
      periodSecond: 120,
    });
  });
});

describe('parseTokenAnswer', () => {
  const ok = { code: 'SUCCESS', message: 'OK', data: { token: 'eyJ.t', expiredTime: 1642580192430 }, extra: null, transactionId: 't1' };

  it('reads the token and its expiry (ms, or seconds scaled, or the requested period)', () => {
    expect(parseTokenAnswer(200, ok, 0, 3600)).toEqual({ token: 'eyJ.t', expiresAt: 1642580192430 });
    expect(parseTokenAnswer(200, { ...ok, data: { token: 'a', expiredTime: '1642580192' } }, 0, 3600).expiresAt).toBe(1642580192000);
    expect(parseTokenAnswer(200, { ...ok, data: { token: 'a' } }, 1_700_000_000_000, 60).expiresAt).toBe(1_700_000_060_000);
  });

  it.each([
    ['PARAMETER_ERROR', 'Signature error', /signature error/],
    ['PARAMETER_ERROR', 'Timestamp error', /timestamp error/],
    ['PARAMETER_ERROR', 'Parameter should not be empty', /invalid parameters/],
    ['ACCOUNT_DISABLED', 'Account Disabled', /disabled/],
    ['CLIENT_ERROR', 'HTTP 400 - Bad Request', /bad request/],
    ['SOMETHING_NEW', 'x', /undocumented/],
  ])('%s (%s) throws AdvanceTokenError with the code', (code, message, ours) => {
    const body = { code, message, data: null, transactionId: 'tx-7' };
    expect(() => parseTokenAnswer(200, body, 0, 3600)).toThrow(AdvanceTokenError);
    try {
      parseTokenAnswer(200, body, 0, 3600);
    } catch (error) {
      expect(error).toMatchObject({ code, reference: 'tx-7' });
      expect((error as Error).message).toMatch(ours);
    }
  });

  it('garbage or a SUCCESS without a token is an HTTP_<status> error', () => {
    expect(() => parseTokenAnswer(502, undefined, 0, 60)).toThrow(expect.objectContaining({ code: 'HTTP_502' }));
    expect(() => parseTokenAnswer(200, { code: 'SUCCESS', data: {} }, 0, 60)).toThrow(expect.objectContaining({ code: 'HTTP_200' }));
  });
});

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

const flush = () => new Promise((r) => setImmediate(r));
const never = new AbortController().signal;

describe('AdvanceTokenCache', () => {
  it('shares one renewal between concurrent callers and then serves from the cache', async () => {
    const clock = { now: 1_000_000 };
    const issuer = fakeIssuer(clock);
    const cache = new AdvanceTokenCache(issuer.issue, { now: () => clock.now });
    const waiting = Promise.all([cache.get(never), cache.get(never), cache.get(never)]);
    await flush();
    expect(issuer.issued).toBe(1);
    issuer.release();
    expect(await waiting).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await cache.get(never)).toBe('token-1');
    expect(issuer.issued).toBe(1);
  });

  it('renews within the safety margin before expiredTime, not before', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(clock, 3_600_000);
    const cache = new AdvanceTokenCache(issuer.issue, { now: () => clock.now, safetyMarginMs: 60_000 });
    const first = cache.get(never);
    await flush();
    issuer.release();
    expect(await first).toBe('token-1');
    clock.now = 3_540_000 - 1; // one ms before the margin starts
    expect(await cache.get(never)).toBe('token-1');
    clock.now = 3_540_000;
    const second = cache.get(never);
    await flush();
    expect(issuer.issued).toBe(2);
    issuer.release();
    expect(await second).toBe('token-2');
  });

  it('caps the margin at a tenth of a short token lifetime', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(clock, 60_000);
    const cache = new AdvanceTokenCache(issuer.issue, { now: () => clock.now, safetyMarginMs: 60_000 });
    const first = cache.get(never);
    await flush();
    issuer.release();
    await first;
    clock.now = 53_999;
    expect(await cache.get(never)).toBe('token-1');
    expect(issuer.issued).toBe(1);
  });

  it('invalidate drops only the refused token, so concurrent refusals renew once', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(clock);
    const cache = new AdvanceTokenCache(issuer.issue, { now: () => clock.now });
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
    const clock = { now: 0 };
    const issuer = fakeIssuer(clock);
    const cache = new AdvanceTokenCache(issuer.issue, { now: () => clock.now });
    const failing = cache.get(never);
    await flush();
    issuer.pending.shift()!.reject(new AdvanceTokenError('PARAMETER_ERROR', 'refused', null));
    await expect(failing).rejects.toMatchObject({ code: 'PARAMETER_ERROR' });
    const retry = cache.get(never);
    await flush();
    expect(issuer.issued).toBe(2);
    issuer.release();
    expect(await retry).toBe('token-2');
  });

  it('a caller whose signal aborts stops waiting without cancelling the shared renewal', async () => {
    const clock = { now: 0 };
    const issuer = fakeIssuer(clock);
    const cache = new AdvanceTokenCache(issuer.issue, { now: () => clock.now });
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
