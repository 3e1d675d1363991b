import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import { emptyOutcome, NOT_REQUESTED, type Vendor, type VendorSignals } from '../signals/model';
import type { IdentityRecord } from '../store/identity-record';
import type { IdentityStore } from '../store/identity-store';
import type { VendorAdapter, VendorCallContext } from '../vendors/vendor';
import { CaseDecider } from './case-decider';
import { ConflictError } from './domain-errors';
import { InputError } from './input-error';
import { imageHash, verificationInputHash } from './input-hash';
import type { Routing } from './routing';
import type { CheckedVerificationInput } from './verification-input';
import { VerificationSession } from './verification-session';

export interface VerifierDeps {
  routing: Routing;
  adapters: Readonly<Record<Vendor, VendorAdapter>>;
  /** Fetches an image URL for vendors that take bytes only (image-fetcher.ts, through the guarded agent). */
  fetchImageBase64: VendorCallContext['fetchImageBase64'];
  policies: PolicyHolder;
  store: IdentityStore;
  /** The overall deadline of one verification; a claim older than this (plus a margin) is abandoned. */
  deadlineMs: number;
  /** First re-poll of a pending case after this many ms (then exponential backoff). */
  pollBaseMs: number;
  now?: () => Date;
  /** Observes each new case once stored (metrics); not called for an idempotent repeat. */
  onVerified?: (record: IdentityRecord) => void;
}

/** How long a claim may sit without its case before another request takes it over. */
const CLAIM_MARGIN_MS = 5_000;
/** How often a request waiting for another one holding its caseNo looks again. */
const CLAIM_RETRY_MS = 50;

/**
 * One verification: routing picks the vendors, every picked vendor starts at once (a vendor whose
 * input is missing is SKIPPED), and CaseDecider merges, decides and stores. The caseNo is the
 * idempotency key per owner: a repeat with the same input returns the stored case without calling a
 * vendor, a repeat with another input is a conflict, and racing repeats (on any replica) wait for
 * the first instead of calling the vendors again.
 */
export class Verifier {
  private readonly decider: CaseDecider;

  constructor(private readonly deps: VerifierDeps) {
    this.decider = new CaseDecider(deps);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The verifications of one API request (see VerificationSession). */
  session(owner: string, traceHeaders?: Readonly<Record<string, string>>): VerificationSession {
    const { adapters, deadlineMs, fetchImageBase64 } = this.deps;
    return new VerificationSession(owner, { adapters, deadlineMs, fetchImageBase64, traceHeaders });
  }

  async verify(input: CheckedVerificationInput, session: VerificationSession): Promise<IdentityRecord> {
    const { request } = input;
    const routed = this.deps.routing.pick(request.country, request.documentType);
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
    const claim = await this.claim(session.owner, request.caseNo, inputHash);
    if (claim.kind === 'existing') return claim.record;
    try {
      return await this.run(input, routed, session, inputHash);
    } catch (error) {
      await this.deps.store.releaseClaim(session.owner, request.caseNo, claim.claimedAt).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Takes the caseNo for this request, or finds the case a first request with the same input stored.
   * While another request holds the caseNo, waits for it (a claim older than the deadline is taken over).
   */
  private async claim(owner: string, caseNo: string, inputHash: string): Promise<{ kind: 'claimed'; claimedAt: Date } | { kind: 'existing'; record: IdentityRecord }> {
    const giveUpAt = Date.now() + this.deps.deadlineMs + CLAIM_MARGIN_MS * 2;
    for (;;) {
      const now = this.now();
      const staleBefore = new Date(now.getTime() - this.deps.deadlineMs - CLAIM_MARGIN_MS);
      const claim = await this.deps.store.claim(owner, caseNo, inputHash, now, staleBefore);
      if (claim.kind === 'conflict') throw new ConflictError(`caseNo "${caseNo}" was already used with a different input`);
      if (claim.kind === 'claimed') return { kind: 'claimed', claimedAt: claim.claimedAt };
      if (claim.kind === 'existing') {
        const stored = await this.deps.store.get(claim.id);
        if (stored) return { kind: 'existing', record: stored };
      }
      if (Date.now() > giveUpAt) throw new Error('the verification holding this caseNo did not finish');
      await sleep(CLAIM_RETRY_MS);
    }
  }

  /** `picked`: the routed vendors the restriction was checked against (the routing is read once). */
  private async run({ request, vendors: only }: CheckedVerificationInput, picked: readonly Vendor[], session: VerificationSession, inputHash: string): Promise<IdentityRecord> {
    const loader = session.vendorLoader();
    // Every routed vendor is reported: one the request's `vendors` list left out is SKIPPED, not
    // dropped, so the policy sees that its check is missing (a case is never approved on fewer
    // checks than routing requires just because the caller asked for fewer).
    const vendorSignals = await Promise.all(
      picked.map((vendor): Promise<VendorSignals> => {
        if (only && !only.includes(vendor)) return Promise.resolve(notRequested(vendor));
        const inputKey = this.deps.adapters[vendor].inputKey(request);
        if (inputKey === null) return Promise.resolve(skipped(vendor));
        return loader.load({ vendor, inputKey, request });
      }),
    );
    const record = await this.decider.decideNew(
      {
        id: randomUUID(),
        owner: session.owner,
        caseNo: request.caseNo,
        inputHash,
        country: request.country,
        documentType: request.documentType,
        faceSignatureId: request.faceSignatureId,
        imageHashes: { front: imageHash(request.documentFront), back: imageHash(request.documentBack) },
        vendorSignals,
      },
      this.now(),
    );
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
