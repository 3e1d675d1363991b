/**
 * What the transport saw during one vendor attempt, beyond the canonical outcome the adapter returns:
 * the last HTTP status, a `Retry-After` the vendor asked for, or the transport failure that ended it.
 * The retry policy needs these to tell a broken connection or a 429 from a vendor's verdict.
 */
export interface AttemptObservation {
  httpStatus: number | null;
  /** The vendor's Retry-After, in ms from when it was read; null when absent or unreadable. */
  retryAfterMs: number | null;
  /** The stable code of the transport failure that ended the last request (ECONNRESET, UND_ERR_SOCKET ...). */
  transportError: string | null;
}

/**
 * A fresh observation for one attempt. It travels with the call (VendorCallContext.observation) down to
 * VendorHttpClient, which fills it in as requests complete: passed along, not kept in async-local
 * storage, whose hooks would cost every promise of the process.
 */
export function newAttemptObservation(): AttemptObservation {
  return { httpStatus: null, retryAfterMs: null, transportError: null };
}

/** Called by the HTTP client for every vendor response of an observed attempt. */
export function noteVendorResponse(seen: AttemptObservation, status: number, headers: Record<string, string | string[] | undefined>): void {
  seen.httpStatus = status;
  seen.transportError = null;
  seen.retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
}

/** Called by the HTTP client when a request ends without a complete response. */
export function noteVendorTransportError(seen: AttemptObservation, code: string): void {
  seen.transportError = code;
}

/**
 * A token fetch that failed during an attempt. Token fetches are shared by every caller waiting for a
 * token, so they are not any one attempt's requests: each waiting attempt notes the failure itself.
 */
export function noteTokenFailure(seen: AttemptObservation | undefined, failure: { transportCode?: string; httpStatus?: number | null }): void {
  if (!seen) return;
  if (failure.transportCode) seen.transportError = failure.transportCode;
  if (failure.httpStatus) seen.httpStatus = failure.httpStatus;
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
