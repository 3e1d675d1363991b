import DataLoader from 'dataloader';
import { emptyOutcome, type Vendor, type VendorOutcome, type VendorSignals } from '../signals/model';
import { completeVerdicts } from './complete-verdicts';
import { guardCall } from '../vendors/guard-call';
import { timeoutSignal } from '../vendors/timeout-signal';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../vendors/vendor';

export interface VendorCall {
  vendor: Vendor;
  /** The adapter's inputKey for the request: equal keys mean an equal vendor call. */
  inputKey: string;
  request: VerificationRequest;
}

export type VendorLoader = DataLoader<VendorCall, VendorSignals, string>;

export interface VendorLoaderOptions {
  adapters: Readonly<Record<Vendor, VendorAdapter>>;
  /** Fetches an image URL for vendors that take bytes only (image-fetcher.ts, through the guarded agent). */
  fetchImageBase64: VendorCallContext['fetchImageBase64'];
  /** Overall deadline of a verification: a call still running then is TIMEOUT, whatever the adapter does. */
  deadlineMs: number;
  /** Aborted when the client goes away or the server shuts down. */
  signal?: AbortSignal;
  /** The caller's W3C trace headers, passed on to the vendors (see VendorCallContext.traceHeaders). */
  traceHeaders?: Readonly<Record<string, string>>;
  /** Observes every finished call (metrics, logs). */
  onCall?: (signals: VendorSignals) => void;
}

/**
 * A per-request loader of vendor calls, keyed by vendor and input: however many fields or aliases of
 * one GraphQL operation need a vendor's answer, each vendor is called once per distinct input. All
 * calls of a tick start together, so a verification lasts as long as its slowest vendor.
 */
export function createVendorLoader(options: VendorLoaderOptions): VendorLoader {
  return new DataLoader<VendorCall, VendorSignals, string>(
    async (calls) => Promise.all(calls.map((call) => callVendor(call, options))),
    { cacheKeyFn: (call) => `${call.vendor}\u0000${call.inputKey}` },
  );
}

async function callVendor(call: VendorCall, options: VendorLoaderOptions): Promise<VendorSignals> {
  const adapter = options.adapters[call.vendor];
  const deadlineAt = Date.now() + options.deadlineMs;
  const started = performance.now();
  // Aborted at the deadline or when options.signal aborts. 50 ms after the deadline the race below
  // ends the call even if the adapter ignores its abort signal.
  let grace: NodeJS.Timeout | undefined;
  let expire!: (outcome: VendorOutcome) => void;
  const expired = new Promise<VendorOutcome>((resolve) => (expire = resolve));
  const deadline = timeoutSignal(
    options.deadlineMs,
    () => new DOMException('verification deadline passed', 'TimeoutError'),
    options.signal,
    () => {
      grace = setTimeout(() => expire(emptyOutcome(call.vendor, 'TIMEOUT', 'TIMEOUT', 'verification deadline passed')), 50);
    },
  );
  const context = { signal: deadline.signal, deadlineAt, fetchImageBase64: options.fetchImageBase64, traceHeaders: options.traceHeaders };
  const outcome = await Promise.race([guardCall(call.vendor, () => adapter.call(call.request, context)), expired]).finally(() => {
    deadline.dispose();
    clearTimeout(grace);
  });
  const complete = completeVerdicts(outcome, adapter.checks);
  const signals: VendorSignals = {
    ...complete,
    result: { ...complete.result, latencyMs: Math.round(performance.now() - started) },
  };
  options.onCall?.(signals);
  return signals;
}
