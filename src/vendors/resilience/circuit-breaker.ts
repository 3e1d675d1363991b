/** CLOSED: calls go through. OPEN: calls fail fast. HALF_OPEN: one probe call decides. */
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Consecutive failed attempts that open the breaker (with at least half of the recent attempts failed). */
  failureThreshold: number;
  /** How long the breaker stays open before it lets one probe through. */
  openMs: number;
  now?: () => number;
}

/** A permission to call the vendor; give it back with `release` whatever happens. */
export interface BreakerPermit {
  readonly probe: boolean;
}

/** What an attempt said about the vendor's health: `neutral` is neither (the caller went away, a rate limit). */
export type BreakerResult = 'success' | 'failure' | 'neutral';

/** How many recent attempts the failure share is read over. */
const RECENT = 20;
/** The share of recent attempts that must have failed, besides the run, for the breaker to open. */
const OPENING_SHARE = 0.5;

/**
 * A circuit breaker for one vendor. After `failureThreshold` failed attempts in a row it opens: calls
 * fail fast without reaching the vendor, so a dead vendor costs a verification nothing but its
 * absence (and frees the connections and the deadline for the vendors that work). The run must also
 * come with at least half of the last 20 attempts failed: at hundreds of calls a second a vendor that
 * fails one call in five produces runs of five by chance, and is not down. After `openMs` it
 * half-opens: one call goes through as a probe while the others still fail fast; the probe's success
 * closes the breaker, its failure opens it again for another `openMs`.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  /** The last RECENT non-neutral results, 1 for a failure. */
  private readonly recent: number[] = [];
  private openedAt: number | null = null;
  private probeInFlight = false;
  private readonly now: () => number;
  /** How many times the breaker opened (for metrics and tests). */
  opens = 0;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'CLOSED';
    return this.now() - this.openedAt >= this.options.openMs ? 'HALF_OPEN' : 'OPEN';
  }

  /** When an open breaker lets its next probe through (epoch ms), or null when it is not open. */
  get retryAt(): number | null {
    return this.openedAt === null ? null : this.openedAt + this.options.openMs;
  }

  /** A permit to call the vendor, or null when the call must fail fast. */
  acquire(): BreakerPermit | null {
    const state = this.state;
    if (state === 'CLOSED') return { probe: false };
    if (state === 'OPEN' || this.probeInFlight) return null;
    this.probeInFlight = true;
    return { probe: true };
  }

  release(permit: BreakerPermit, result: BreakerResult): void {
    if (permit.probe) this.probeInFlight = false;
    if (result !== 'neutral') {
      this.recent.push(result === 'failure' ? 1 : 0);
      if (this.recent.length > RECENT) this.recent.shift();
    }
    if (result === 'success') {
      this.consecutiveFailures = 0;
      // A success closes the breaker; a late success of a call started before it opened does not.
      if (permit.probe || this.openedAt === null) this.openedAt = null;
      return;
    }
    if (result === 'neutral') return;
    this.consecutiveFailures += 1;
    if (permit.probe) {
      this.open();
    } else if (this.openedAt === null && this.consecutiveFailures >= this.options.failureThreshold && this.failedShare() >= OPENING_SHARE) {
      this.open();
    }
  }

  private failedShare(): number {
    return this.recent.reduce((n, f) => n + f, 0) / this.recent.length;
  }

  private open(): void {
    this.openedAt = this.now();
    this.opens += 1;
  }
}
