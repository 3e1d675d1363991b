import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildFacts } from '../decision/engine/facts';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import { evaluatePolicyTraced } from '../observability/traced-evaluate';
import { emptyOutcome, NOT_REQUESTED, type Vendor, type VendorSignals } from '../signals/model';
import type { IdentityRecord } from '../store/identity-record';
import type { IdentityStore } from '../store/identity-store';
import type { VendorAdapter } from '../vendors/vendor';
import { ConflictError } from './domain-errors';
import { InputError } from './input-error';
import { imageHash, verificationInputHash } from './input-hash';
import { mergeSignals } from './merge-signals';
import { nextPollAt } from './poll-schedule';
import type { Routing } from './routing';
import type { VendorLoader } from './vendor-loader';
import type { CheckedVerificationInput } from './verification-input';

export interface VerifierDeps {
  routing: () => Routing;
  adapters: Readonly<Record<Vendor, VendorAdapter>>;
  policies: PolicyHolder;
  store: IdentityStore;
  /** The overall deadline of one verification; a claim older than this (plus a margin) is abandoned. */
  deadlineMs: number;
  /** First re-poll of a pending case after this many ms (then exponential backoff). */
  pollBaseMs: number;
  now?: () => Date;
  /** `sequential` exists only to measure what the parallel fan-out saves. */
  fanOut?: 'parallel' | 'sequential';
  /** Observes each new case once stored (metrics); not called for an idempotent repeat. */
  onVerified?: (record: IdentityRecord) => void;
}

/** How long a claim may sit without its case before another request takes it over. */
const CLAIM_MARGIN_MS = 5_000;

/**
 * One verification: routing picks the vendors, every picked vendor starts at once (a vendor whose
 * input is missing is SKIPPED), the signals are merged, the policy decides, the case is stored.
 * The caseNo is the idempotency key per owner: a repeat with the same input returns the stored case
 * without calling a vendor, a repeat with another input is a conflict, and racing repeats (on any
 * replica) wait for the first instead of calling the vendors again.
 */
export class Verifier {
  constructor(private readonly deps: VerifierDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async verify(input: CheckedVerificationInput, loader: VendorLoader, owner = 'anonymous'): Promise<IdentityRecord> {
    const { request } = input;
    const routed = this.deps.routing().pick(request.country, request.documentType);
    const unrouted = input.vendors?.filter((v) => !routed.includes(v)) ?? [];
    if (unrouted.length > 0) {
      // A restriction narrows routing; it cannot add a vendor routing does not use for this document.
      throw new InputError(
        'input.vendors',
        `${unrouted.join(', ')} ${unrouted.length === 1 ? 'is' : 'are'} not routed for ${request.country} ${request.documentType}; ` +
          `routing uses ${routed.join(', ') || 'no vendor'}`,
      );
    }
    const inputHash = verificationInputHash(request, input.vendors);
    const giveUpAt = Date.now() + this.deps.deadlineMs + CLAIM_MARGIN_MS * 2;
    let claimedAt: Date;
    for (;;) {
      const now = this.now();
      const staleBefore = new Date(now.getTime() - this.deps.deadlineMs - CLAIM_MARGIN_MS);
      const claim = await this.deps.store.claim(owner, request.caseNo, inputHash, now, staleBefore);
      if (claim.kind === 'conflict') throw new ConflictError(`caseNo "${request.caseNo}" was already used with a different input`);
      if (claim.kind === 'existing') {
        const stored = await this.deps.store.get(claim.id);
        if (stored) return stored;
      }
      if (claim.kind === 'claimed') {
        claimedAt = claim.claimedAt;
        break;
      }
      if (Date.now() > giveUpAt) throw new Error('the verification holding this caseNo did not finish');
      await sleep(50);
    }
    try {
      return await this.run(input, routed, loader, owner, inputHash);
    } catch (error) {
      await this.deps.store.releaseClaim(owner, request.caseNo, claimedAt).catch(() => undefined);
      throw error;
    }
  }

  /** `picked`: the routed vendors the restriction was checked against (the routing is read once). */
  private async run({ request, vendors: only }: CheckedVerificationInput, picked: readonly Vendor[], loader: VendorLoader, owner: string, inputHash: string): Promise<IdentityRecord> {
    // Every routed vendor is reported: one the request's `vendors` list left out is SKIPPED, not
    // dropped, so the policy sees that its check is missing (a case is never approved on fewer
    // checks than routing requires just because the caller asked for fewer).
    const callOne = (vendor: Vendor): Promise<VendorSignals> => {
      if (only && !only.includes(vendor)) return Promise.resolve(notRequested(vendor));
      const inputKey = this.deps.adapters[vendor].inputKey(request);
      if (inputKey === null) return Promise.resolve(skipped(vendor));
      return loader.load({ vendor, inputKey, request });
    };
    let vendorSignals: VendorSignals[];
    if (this.deps.fanOut === 'sequential') {
      vendorSignals = [];
      for (const vendor of picked) vendorSignals.push(await callOne(vendor));
    } else {
      vendorSignals = await Promise.all(picked.map(callOne));
    }

    const signals = mergeSignals(vendorSignals);
    const now = this.now();
    const facts = buildFacts(request, signals, now);
    const decision = await evaluatePolicyTraced(this.deps.policies.policy, facts, now);
    const record: IdentityRecord = {
      id: randomUUID(),
      owner,
      caseNo: request.caseNo,
      inputHash,
      country: request.country,
      documentType: request.documentType,
      faceSignatureId: request.faceSignatureId,
      imageHashes: { front: imageHash(request.documentFront), back: imageHash(request.documentBack) },
      vendorSignals,
      signals,
      decisions: [decision],
      createdAt: now,
      updatedAt: now,
    };
    const pending = vendorSignals.some((s) => s.result.status === 'PENDING');
    await this.deps.store.create(record, pending ? nextPollAt(now, 0, this.deps.pollBaseMs) : null);
    this.deps.onVerified?.(record);
    return record;
  }
}

function notRequested(vendor: Vendor): VendorSignals {
  const outcome = emptyOutcome(vendor, 'SKIPPED', NOT_REQUESTED, "left out by the request's vendors list");
  return { ...outcome, result: { ...outcome.result, latencyMs: null } };
}

function skipped(vendor: Vendor): VendorSignals {
  const outcome = emptyOutcome(vendor, 'SKIPPED', null, 'the input this vendor needs was not given');
  return { ...outcome, result: { ...outcome.result, latencyMs: null } };
}
