import { emptyOutcome, type Vendor, type VendorOutcome, type VendorSignals } from '../signals/model';
import { guardCall } from '../vendors/guard-call';
import { timeoutSignal } from '../vendors/timeout-signal';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../vendors/vendor';
import { completeVerdicts } from './complete-verdicts';

/** One vendor asked about one request. */
export interface VendorCall {
  vendor: Vendor;
  /** The adapter's inputKey for the request: equal keys mean an equal vendor call. */
  inputKey: string;
  request: VerificationRequest;
}

/** What every vendor call of a verification (or of a re-poll) shares. */
export interface VendorCallOptions {
  adapters: Readonly<Record<Vendor, VendorAdapter>>;
  /** Overall deadline of a verification: a call still running then is TIMEOUT, whatever the adapter does. */
  deadlineMs: number;
  /** Fetches an image URL for vendors that take bytes only (image-fetcher.ts, through the guarded agent). */
  fetchImageBase64: VendorCallContext['fetchImageBase64'];
  /** The caller's W3C trace headers, passed on to the vendors (see VendorCallContext.traceHeaders). */
  traceHeaders?: Readonly<Record<string, string>>;
}

/** How long past the deadline an adapter that ignores its abort signal is waited for before TIMEOUT. */
const ABORT_GRACE_MS = 50;

/**
 * Calls one vendor under the verification deadline. Resolves, never rejects: whatever the adapter
 * throws becomes FAILED (guardCall), a call the deadline ended TIMEOUT, and an OK answer carries a verdict for every
 * check the vendor performs (completeVerdicts), so no failure can read as a pass. `latencyMs` is the
 * time the call took as this process saw it.
 */
export async function callVendor(call: VendorCall, options: VendorCallOptions): Promise<VendorSignals> {
  const adapter = options.adapters[call.vendor];
  const deadlineAt = Date.now() + options.deadlineMs;
  const started = performance.now();
  let grace: NodeJS.Timeout | undefined;
  let expire!: (outcome: VendorOutcome) => void;
  const expired = new Promise<VendorOutcome>((resolve) => (expire = resolve));
  const deadline = timeoutSignal(
    options.deadlineMs,
    () => new DOMException('verification deadline passed', 'TimeoutError'),
    undefined,
    () => {
      grace = setTimeout(() => expire(deadlinePassed(call.vendor)), ABORT_GRACE_MS);
    },
  );
  const context: VendorCallContext = {
    signal: deadline.signal,
    deadlineAt,
    fetchImageBase64: options.fetchImageBase64,
    traceHeaders: options.traceHeaders,
  };
  // A throw after the deadline aborted the call is TIMEOUT (guardCall, given the signal); an answer
  // with its own code (IMAGE_FETCH_TIMEOUT: the caller's image URL stalled, not the vendor) keeps it.
  const outcome = await Promise.race([guardCall(call.vendor, () => adapter.call(call.request, context), deadline.signal), expired]).finally(() => {
    deadline.dispose();
    clearTimeout(grace);
  });
  const complete = completeVerdicts(outcome, adapter.checks);
  return { ...complete, result: { ...complete.result, latencyMs: Math.round(performance.now() - started) } };
}

function deadlinePassed(vendor: Vendor): VendorOutcome {
  return emptyOutcome(vendor, 'TIMEOUT', 'TIMEOUT', 'verification deadline passed');
}
