import type { Vendor } from '../../signals/model';
import { isVendorFailure, type AttemptClass } from './attempt-class';
import { CircuitBreaker, type BreakerResult, type BreakerState } from './circuit-breaker';
import { VendorStats, type VendorStatsSnapshot } from './vendor-stats';

export interface VendorGuardOptions {
  breakerFailures: number;
  breakerOpenMs: number;
  statsWindowMs: number;
  now?: () => number;
}

/** A vendor's health as the `vendors` query and the metrics show it. */
export interface VendorHealth extends VendorStatsSnapshot {
  vendor: Vendor;
  /** DOWN: breaker open. DEGRADED: probing, rate-limited, or many recent attempts failed. UP otherwise. */
  status: 'UP' | 'DEGRADED' | 'DOWN';
  breaker: BreakerState;
  /** While the vendor's Retry-After holds calls back: until when. */
  rateLimitedUntil: Date | null;
}

/** Above this share of failed attempts a vendor is reported DEGRADED. */
const DEGRADED_ERROR_RATE = 0.2;
/** Hold-off after a 429 that carried no Retry-After. */
const DEFAULT_HOLD_OFF_MS = 1_000;
/** The longest Retry-After honoured (a vendor asking for more is simply not called until the deadline). */
const MAX_HOLD_OFF_MS = 60_000;

/**
 * Everything the gateway remembers about one vendor between calls: its circuit breaker, its recent
 * latency and error rate, how long it asked us to hold off (429 Retry-After), and a running estimate
 * of how long a good answer takes (so a retry is only started when it can finish before the deadline).
 */
export class VendorGuard {
  readonly breaker: CircuitBreaker;
  readonly stats: VendorStats;
  private holdOffUntil = 0;
  private typicalMs = 0;
  private readonly now: () => number;

  constructor(
    readonly vendor: Vendor,
    options: VendorGuardOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.breaker = new CircuitBreaker({ failureThreshold: options.breakerFailures, openMs: options.breakerOpenMs, now: this.now });
    this.stats = new VendorStats(options.statsWindowMs, 1024, this.now);
  }

  /** Records a finished attempt: stats, breaker, typical latency. */
  recordAttempt(kind: AttemptClass, latencyMs: number): BreakerResult {
    if (kind !== 'abandoned') this.stats.record(latencyMs, isVendorFailure(kind) || kind === 'throttled');
    if (kind === 'answer') this.typicalMs = this.typicalMs === 0 ? latencyMs : this.typicalMs * 0.8 + latencyMs * 0.2;
    if (kind === 'answer') return 'success';
    return isVendorFailure(kind) ? 'failure' : 'neutral';
  }

  /** A 429: no call to this vendor before `retryAfterMs` (or a default) from now. */
  holdOff(retryAfterMs: number | null): void {
    const ms = Math.min(MAX_HOLD_OFF_MS, retryAfterMs ?? DEFAULT_HOLD_OFF_MS);
    this.holdOffUntil = Math.max(this.holdOffUntil, this.now() + ms);
  }

  /** How long calls must still wait for the vendor's Retry-After, in ms (0: none). */
  holdOffRemaining(): number {
    return Math.max(0, this.holdOffUntil - this.now());
  }

  /** How long a good answer typically takes (at least 10 ms): the least time a new attempt needs. */
  expectedLatencyMs(): number {
    return Math.max(10, this.typicalMs);
  }

  health(): VendorHealth {
    const breaker = this.breaker.state;
    const snapshot = this.stats.snapshot();
    const limited = this.holdOffRemaining() > 0;
    const status = breaker === 'OPEN' ? 'DOWN' : breaker === 'HALF_OPEN' || limited || (snapshot.errorRate ?? 0) >= DEGRADED_ERROR_RATE ? 'DEGRADED' : 'UP';
    return { vendor: this.vendor, status, breaker, rateLimitedUntil: limited ? new Date(this.holdOffUntil) : null, ...snapshot };
  }
}
