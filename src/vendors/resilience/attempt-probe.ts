import type { VendorOutcome } from '../../signals/model';

/**
 * What the transport saw during one vendor attempt, beyond the canonical outcome the adapter returns:
 * the last HTTP status, a `Retry-After` the vendor asked for, or the transport failure that ended it.
 * The retry policy needs these to tell a broken connection or a 429 from a vendor's verdict.
 */
export interface AttemptObservation {
  readonly httpStatus: number | null;
  /** The vendor's Retry-After, in ms from when it was read; null when absent or unreadable. */
  readonly retryAfterMs: number | null;
  /** The stable code of the transport failure that ended the last request (ECONNRESET, UND_ERR_SOCKET ...). */
  readonly transportError: string | null;
}

/** An attempt during which the transport saw nothing (no request was sent). */
export const NOTHING_OBSERVED: AttemptObservation = Object.freeze({ httpStatus: null, retryAfterMs: null, transportError: null });

/** What the transport saw of a vendor response: its status and Retry-After. */
export function observedResponse(status: number, headers: Record<string, string | string[] | undefined>): AttemptObservation {
  return { httpStatus: status, retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now()), transportError: null };
}

/**
 * The outcome of each attempt, with what its transport saw. Kept beside the outcome (not in it, not
 * in a context passed down to the transport): the adapter kit records it as it returns the outcome,
 * and the retry policy reads it back from the very object it received.
 */
const observations = new WeakMap<VendorOutcome, AttemptObservation>();

export function withObservation(outcome: VendorOutcome, observation: AttemptObservation): VendorOutcome {
  observations.set(outcome, observation);
  return outcome;
}

/** What the transport saw while this outcome was produced; NOTHING_OBSERVED for an outcome no kit adapter made. */
export function observationOf(outcome: VendorOutcome): AttemptObservation {
  return observations.get(outcome) ?? NOTHING_OBSERVED;
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
