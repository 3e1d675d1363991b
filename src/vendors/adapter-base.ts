import { emptyOutcome, type Vendor, type VendorOutcome, type VerdictCheck } from '../signals/model';
import { guardCall } from './guard-call';
import { withObservation } from './resilience/attempt-probe';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from './vendor';
import { VendorCall } from './vendor-call';

/**
 * What every adapter extends: the kit does the protocol of the port, so no adapter can forget it.
 * A request without the vendor's input is SKIPPED without a call; everything the adapter throws
 * becomes a canonical outcome (guardCall); what the transport saw goes back with the outcome to the
 * retry policy. An adapter says which input it reads (`inputOf`), how it keys it, and how it sends it.
 */
export abstract class VendorAdapterBase<I> implements VendorAdapter {
  abstract readonly vendor: Vendor;
  abstract readonly checks: readonly VerdictCheck[];
  /** The SKIPPED message when the request lacks this vendor's input. */
  protected abstract readonly missingInput: string;

  /** The input this vendor reads from the request, or null when it is missing. */
  protected abstract inputOf(request: VerificationRequest): I | null;
  /** A stable key for that input: same key, same vendor answer. */
  protected abstract keyOf(input: I): string;
  /** Calls the vendor for this input through `call` and maps its answer. May throw: the kit maps it. */
  protected abstract send(input: I, call: VendorCall, request: VerificationRequest): Promise<VendorOutcome>;
  abstract close(): Promise<void>;

  inputKey(request: VerificationRequest): string | null {
    const input = this.inputOf(request);
    return input === null ? null : this.keyOf(input);
  }

  async call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> {
    const input = this.inputOf(request);
    if (input === null) return emptyOutcome(this.vendor, 'SKIPPED', null, this.missingInput);
    const call = new VendorCall(context);
    const outcome = await guardCall(this.vendor, () => this.send(input, call, request), context.signal);
    return withObservation(outcome, call.observation());
  }
}
