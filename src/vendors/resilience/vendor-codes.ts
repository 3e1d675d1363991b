import type { Vendor } from '../../signals/model';

/**
 * The vendors' documented codes that say "not now" rather than "no": a transient fault of the
 * vendor's side worth one more try, a rate limit, or an exhausted quota. Any code not listed here is
 * an answer about this request (bad image, wrong credentials, a verdict) and is never retried.
 */
export interface VendorCodeTable {
  /** Transient vendor-side failures: retried (with backoff, within the deadline). */
  transient: ReadonlySet<string>;
  /** "Too many requests": retried after the vendor's Retry-After when it fits the deadline. */
  throttled: ReadonlySet<string>;
  /** The account has no calls left: not retried, and counted against the vendor's breaker. */
  quota: ReadonlySet<string>;
  /**
   * Codes that are transient only when the HTTP status says the vendor failed (≥ 500): ADVANCE.AI
   * uses `ERROR` both for a server error (HTTP 500) and for a finished verification that failed.
   */
  transientOn5xx: ReadonlySet<string>;
}

const set = (...codes: string[]): ReadonlySet<string> => new Set(codes);
const NONE = set();

export const VENDOR_CODES: Readonly<Record<Vendor, VendorCodeTable>> = {
  HUAWEI_OCR: {
    // Platform and gateway faults from Huawei's error code table (forwarding, backend timeout/unavailable/error).
    transient: set('ModelArts.4301', 'ModelArts.4302', 'ModelArts.4402', 'ModelArts.4403', 'ModelArts.4502', 'ModelArts.4505', 'APIG.0201'),
    // Concurrency limit and API gateway rate limit.
    throttled: set('ModelArts.4401', 'APIG.0308'),
    quota: NONE,
    transientOn5xx: NONE,
  },
  INNOV8TIF: { transient: set('api.internal.error'), throttled: NONE, quota: NONE, transientOn5xx: NONE },
  ADVANCE_AI: { transient: NONE, throttled: NONE, quota: NONE, transientOn5xx: set('ERROR') },
  // Envelope code 4: "Out of requests".
  COMPUTERVISION_VN: { transient: NONE, throttled: NONE, quota: set('4'), transientOn5xx: NONE },
  VERIHUBS: { transient: set('INTERNAL_SERVER_ERROR'), throttled: NONE, quota: set('INSUFFICIENT_QUOTA'), transientOn5xx: NONE },
};
