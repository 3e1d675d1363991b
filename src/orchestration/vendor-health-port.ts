import type { Vendor } from '../signals/model';

/** A vendor's circuit breaker: CLOSED calls it, OPEN fails fast, HALF_OPEN lets one probe through. */
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** One vendor's health as this process sees it, in plain values (what the `vendors` query shows). */
export interface VendorHealth {
  vendor: Vendor;
  /** DOWN: breaker open. DEGRADED: probing, rate-limited, or many recent attempts failed. UP otherwise. */
  status: 'UP' | 'DEGRADED' | 'DOWN';
  breaker: BreakerState;
  /** Attempts in the statistics window. */
  calls: number;
  /** Latency percentiles of those attempts, in ms; null without attempts. */
  latencyP50: number | null;
  latencyP99: number | null;
  /** Failed attempts over all attempts, 0..1; null without attempts. */
  errorRate: number | null;
  /** While the vendor's Retry-After holds calls back: until when. */
  rateLimitedUntil: Date | null;
}

/** Where the API reads vendor health from; the vendors' resilience layer provides it (main.ts wires it). */
export interface VendorHealthPort {
  /** Every vendor's health, in the canonical vendor order. */
  health(): VendorHealth[];
}
