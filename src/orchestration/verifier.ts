import { randomUUID } from 'node:crypto';
import { evaluatePolicy } from '../decision/evaluate';
import { buildFacts } from '../decision/facts';
import type { PolicyHolder } from '../decision/policy-holder';
import { emptyOutcome, type Vendor, type VendorSignals } from '../signals/model';
import type { IdentityRecord } from '../store/identity-record';
import type { IdentityStore } from '../store/store';
import type { VendorAdapter } from '../vendors/vendor';
import { mergeSignals } from './merge-signals';
import type { Routing } from './routing';
import type { VendorLoader } from './vendor-loader';
import type { CheckedVerificationInput } from './verification-input';

export interface VerifierDeps {
  routing: () => Routing;
  adapters: Readonly<Record<Vendor, VendorAdapter>>;
  policies: PolicyHolder;
  store: IdentityStore;
  now?: () => Date;
  /** `sequential` exists only to measure what the parallel fan-out saves. */
  fanOut?: 'parallel' | 'sequential';
}

/**
 * One verification: routing picks the vendors, every picked vendor starts at once (a vendor whose
 * input is missing is SKIPPED), the signals are merged, the policy decides, the case is stored.
 */
export class Verifier {
  constructor(private readonly deps: VerifierDeps) {}

  async verify({ request, vendors: only }: CheckedVerificationInput, loader: VendorLoader): Promise<IdentityRecord> {
    const now = this.deps.now ?? (() => new Date());
    const picked = this.deps.routing().pick(request.country, request.documentType, only);

    const callOne = (vendor: Vendor): Promise<VendorSignals> => {
      const inputKey = this.deps.adapters[vendor].inputKey(request);
      if (inputKey === null) return Promise.resolve(skipped(vendor));
      return loader.load({ vendor, inputKey, request });
    };
    let perVendor: VendorSignals[];
    if (this.deps.fanOut === 'sequential') {
      perVendor = [];
      for (const vendor of picked) perVendor.push(await callOne(vendor));
    } else {
      perVendor = await Promise.all(picked.map(callOne));
    }

    const signals = mergeSignals(perVendor);
    const facts = buildFacts(request, signals, now());
    const decision = await evaluatePolicy(this.deps.policies.policy, facts, now());
    const record: IdentityRecord = {
      id: randomUUID(),
      caseNo: request.caseNo,
      country: request.country,
      documentType: request.documentType,
      signals,
      decisions: [decision],
      createdAt: now(),
    };
    await this.deps.store.save(record);
    return record;
  }
}

function skipped(vendor: Vendor): VendorSignals {
  const outcome = emptyOutcome(vendor, 'SKIPPED', null, 'the input this vendor needs was not given');
  return { ...outcome, result: { ...outcome.result, latencyMs: null } };
}
