import type { Vendor, VendorOutcome } from '../../signals/model';
import type { AttemptObservation } from './attempt-probe';
import { VENDOR_CODES } from './vendor-codes';

/**
 * What one vendor attempt means for retries and for the vendor's health:
 * - `answer`: the vendor answered (a verdict, PENDING, or an error about this request): never retried,
 *   healthy for the breaker;
 * - `transient`: a transport failure, an attempt that ran out of time, a 502/503/504 or a documented
 *   transient code: retried, a failure for the breaker;
 * - `throttled`: HTTP 429 or a documented rate-limit code: retried after the vendor's Retry-After;
 * - `quota`: a documented exhausted-quota code: not retried, a failure for the breaker;
 * - `broken`: an answer that is not the vendor's format (garbage, too large, an adapter fault): not
 *   retried, a failure for the breaker;
 * - `abandoned`: the caller went away: not retried, says nothing about the vendor.
 */
export type AttemptClass = 'answer' | 'transient' | 'throttled' | 'quota' | 'broken' | 'abandoned';

/** HTTP statuses that say "the vendor's side failed, try again" whatever the body. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);
/** Codes our own layers give (not the vendor's) for an answer that could not be used. */
const BROKEN_CODES = new Set(['RESPONSE_TOO_LARGE', 'INTERNAL_ERROR']);

export function classifyAttempt(vendor: Vendor, outcome: VendorOutcome, seen: AttemptObservation, callerGone: boolean): AttemptClass {
  const { status, errorCode } = outcome.result;
  if (status === 'OK' || status === 'PENDING' || status === 'SKIPPED') return 'answer';
  if (callerGone) return 'abandoned';
  if (status === 'TIMEOUT') return 'transient';
  const code = errorCode ?? '';
  const table = VENDOR_CODES[vendor];
  if (BROKEN_CODES.has(code)) return 'broken';
  if (seen.transportError !== null && seen.transportError === code) return 'transient';
  if (seen.httpStatus === 429 || code === 'HTTP_429' || table.throttled.has(code)) return 'throttled';
  if (table.quota.has(code)) return 'quota';
  if (table.transient.has(code)) return 'transient';
  if (table.transientOn5xx.has(code) && (seen.httpStatus ?? 0) >= 500) return 'transient';
  if (seen.httpStatus !== null && TRANSIENT_STATUSES.has(seen.httpStatus)) return 'transient';
  const generic = /^HTTP_(\d{3})$/.exec(code);
  if (generic) {
    const httpStatus = Number(generic[1]);
    // An undocumented 5xx body is a server fault; a 2xx/3xx body we could not read is garbage.
    if (httpStatus >= 500) return 'transient';
    if (httpStatus < 400) return 'broken';
    return 'answer';
  }
  return 'answer';
}

/** Whether an attempt of this class may be tried again. */
export function isRetryable(kind: AttemptClass): boolean {
  return kind === 'transient' || kind === 'throttled';
}

/** Whether an attempt of this class counts against the vendor's circuit breaker and error rate. */
export function isVendorFailure(kind: AttemptClass): boolean {
  return kind === 'transient' || kind === 'quota' || kind === 'broken';
}
