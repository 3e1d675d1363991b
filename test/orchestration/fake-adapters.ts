import { emptyOutcome, type Vendor, type VendorOutcome } from '../../src/signals/model';
import { VENDORS } from '../../src/vendors/registry';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../../src/vendors/vendor';

/** How a fake vendor answers one call. */
export type FakeAnswer = (request: VerificationRequest, context: VendorCallContext) => Promise<VendorOutcome> | VendorOutcome;

export interface FakeVendor {
  adapter: VendorAdapter;
  /** The context of every call made, in order. */
  calls: VendorCallContext[];
  answer: FakeAnswer;
}

/** An OK answer with nothing the default policy objects to (ADVANCE_AI also gives a good face score). */
export function okOutcome(vendor: Vendor): VendorOutcome {
  const outcome = emptyOutcome(vendor, 'OK', null, null, `ref-${vendor}`);
  return vendor === 'ADVANCE_AI' ? { ...outcome, face: { livenessScore: 99, similarityScore: 90, vendor } } : outcome;
}

/**
 * A fake adapter per vendor: it answers through `answer` (OK by default, replaceable per test) and
 * records every call. The face vendor needs a faceSignatureId, the others a front image, as the real
 * ones do: a request without it makes the vendor SKIPPED.
 */
export function fakeVendors(): Record<Vendor, FakeVendor> {
  const fakes = {} as Record<Vendor, FakeVendor>;
  for (const vendor of VENDORS) {
    const fake: FakeVendor = {
      calls: [],
      answer: () => okOutcome(vendor),
      adapter: {
        vendor,
        checks: [],
        inputKey: (request) => {
          const input = vendor === 'ADVANCE_AI' ? request.faceSignatureId : request.documentFront?.kind === 'url' ? request.documentFront.url : null;
          return input === null ? null : `${vendor}:${input}`;
        },
        call: (request, context) => {
          fake.calls.push(context);
          return Promise.resolve(fake.answer(request, context));
        },
        close: async () => undefined,
      },
    };
    fakes[vendor] = fake;
  }
  return fakes;
}

export function adaptersOf(fakes: Record<Vendor, FakeVendor>): Record<Vendor, VendorAdapter> {
  return Object.fromEntries(VENDORS.map((v) => [v, fakes[v].adapter])) as Record<Vendor, VendorAdapter>;
}

/** A promise the test settles when it chooses. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
