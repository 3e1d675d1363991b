import { abortable } from './abortable';

/** A token as a token service issued it. */
export interface IssuedToken {
  token: string;
  /** Epoch ms after which the vendor refuses the token. */
  expiresAt: number;
}

export interface RenewingTokenOptions {
  now?: () => number;
  /** The token is renewed this long before it expires at most ... */
  maxMarginMs: number;
  /** ... and at most this share of its lifetime (0..1). */
  marginFraction: number;
}

interface HeldToken extends IssuedToken {
  /** From here a fresh token is fetched in the background while this one is still handed out ... */
  renewAt: number;
  /** ... and from here callers wait for the fresh one: no token is handed out with less than half the margin left. */
  waitAt: number;
}

/**
 * Holds one access token of a vendor's token service and renews it before it expires. Callers that
 * need a token while a renewal is under way share that one renewal; in the first half of the renewal
 * window the current token is handed out while a fresh one is fetched, in the second half callers
 * wait for the fresh one (so a token service that keeps failing is seen before the token expires).
 * A failed renewal is not cached, so the next caller tries again. A token the vendor refused is dropped with `invalidate`,
 * once, however many callers saw the refusal (a newer token is kept). The renewal runs under the
 * token client's own deadline, never one caller's signal: a caller whose signal aborts only stops
 * waiting.
 */
export class RenewingToken {
  private current: HeldToken | null = null;
  private inflight: Promise<HeldToken> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly options: RenewingTokenOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A valid token. Rejects with the issuer's error, or an AbortError when `signal` aborts first. */
  async get(signal: AbortSignal): Promise<string> {
    const held = this.current;
    const now = this.now();
    if (held !== null && now < held.renewAt) return held.token;
    if (held !== null && now < held.waitAt) {
      this.renew().catch(() => undefined); // the next caller retries; this one still has a valid token
      return held.token;
    }
    return (await abortable(this.renew(), signal)).token;
  }

  /** Forgets `token` if it is still the held one. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private renew(): Promise<HeldToken> {
    if (this.inflight !== null) return this.inflight;
    const issuedAt = this.now();
    const attempt = this.issue().then((issued) => {
      const lifetime = Math.max(0, issued.expiresAt - issuedAt);
      const margin = Math.min(this.options.maxMarginMs, lifetime * this.options.marginFraction);
      this.current = { ...issued, renewAt: issued.expiresAt - margin, waitAt: issued.expiresAt - margin / 2 };
      return this.current;
    });
    this.inflight = attempt;
    const settle = (): void => {
      if (this.inflight === attempt) this.inflight = null;
    };
    attempt.then(settle, settle);
    return attempt;
  }
}
