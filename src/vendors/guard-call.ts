import { emptyOutcome, type Vendor, type VendorOutcome } from '../signals/model';
import { VendorTimeoutError, VendorTransportError } from './http';
import { VendorTokenError } from './token-error';

/**
 * Runs one vendor call and turns whatever it throws into a canonical outcome: a deadline is TIMEOUT,
 * a transport failure FAILED with its stable code, a refused token FAILED with the token service's
 * code, anything else FAILED as INTERNAL_ERROR (a bug in the adapter must never take the verification
 * down with it). Once the call's `signal` has aborted, an error of no known kind is the deadline's
 * doing (fetch, say, rejects with the signal's reason): TIMEOUT.
 */
export async function guardCall(vendor: Vendor, call: () => Promise<VendorOutcome>, signal?: AbortSignal): Promise<VendorOutcome> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof VendorTimeoutError) return emptyOutcome(vendor, 'TIMEOUT', 'TIMEOUT', 'vendor did not answer before the deadline');
    if (error instanceof VendorTransportError) return emptyOutcome(vendor, 'FAILED', error.code, error.message);
    if (error instanceof VendorTokenError) return emptyOutcome(vendor, 'FAILED', error.code, error.message, error.reference);
    if ((error as { name?: string })?.name === 'AbortError' || signal?.aborted) return emptyOutcome(vendor, 'TIMEOUT', 'TIMEOUT', 'verification deadline passed');
    return emptyOutcome(vendor, 'FAILED', 'INTERNAL_ERROR', 'the vendor answer could not be processed');
  }
}

/** The outcome for a response body that is not the JSON the vendor documents. */
export function unreadableBody(vendor: Vendor, httpStatus: number): VendorOutcome {
  return emptyOutcome(vendor, 'FAILED', `HTTP_${httpStatus}`, 'vendor answered with a body that is not its documented format');
}
