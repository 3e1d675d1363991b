import { buildFacts } from '../decision/engine/facts';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import { evaluatePolicyTraced } from '../observability/traced-evaluate';
import { emptyOutcome, type Vendor, type VendorSignals } from '../signals/model';
import type { IdentityRecord } from '../store/identity-record';
import type { IdentityStore, RepollCall } from '../store/identity-store';
import type { PendingPolls } from '../store/pending-polls';
import type { VendorAdapter, VerificationRequest } from '../vendors/vendor';
import { mergeSignals } from './merge-signals';
import { isFinalRepollAnswer } from './repoll-answer';
import { nextPollAt } from './poll-schedule';
import { createVendorLoader } from './vendor-loader';

export interface PendingRefresherDeps {
  adapters: Readonly<Record<Vendor, VendorAdapter>>;
  policies: PolicyHolder;
  store: IdentityStore;
  polls: PendingPolls;
  deadlineMs: number;
  pollBaseMs: number;
  /** Stop waiting after this long (ADVANCE.AI's own user timeout is one hour; it answers USER_TIMEOUT). */
  maxWaitMs: number;
  /** This replica's name, for leases. */
  replica: string;
  now?: () => Date;
}

/**
 * Re-polls the vendors of a case that are still PENDING. When an answer changes, the policy decides
 * again and a decision is appended; while nothing changes, the next poll is scheduled with backoff.
 * The caller holds the case's lease (PendingPolls), so only one replica polls a case at a time.
 */
export class PendingRefresher {
  constructor(private readonly deps: PendingRefresherDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** refreshIdentity: re-poll now if this replica can take the lease; returns the case as it stands. */
  async refreshNow(id: string): Promise<IdentityRecord | null> {
    const leased = await this.deps.polls.leaseNow(id, this.deps.replica, this.now(), this.deps.deadlineMs * 2);
    if (leased) await this.repoll(id);
    return this.deps.store.get(id);
  }

  /** Re-polls a leased case. */
  async repoll(id: string): Promise<void> {
    const record = await this.deps.store.get(id);
    if (!record) return;
    const pendingVendors = record.vendorSignals.filter((s) => s.result.status === 'PENDING').map((s) => s.result.vendor);
    if (pendingVendors.length === 0) {
      await this.deps.polls.stop(id);
      return;
    }
    const now = this.now();
    const expired = now.getTime() - record.createdAt.getTime() > this.deps.maxWaitMs;
    const answers = new Map<Vendor, VendorSignals>();
    if (expired) {
      for (const vendor of pendingVendors) answers.set(vendor, timedOut(vendor));
    } else {
      const loader = createVendorLoader({ adapters: this.deps.adapters, deadlineMs: this.deps.deadlineMs, fetchImageBase64: noImages });
      const request = requestOf(record);
      await Promise.all(
        pendingVendors.map(async (vendor) => {
          const key = this.deps.adapters[vendor].inputKey(request);
          answers.set(vendor, key === null ? unavailable(vendor) : await loader.load({ vendor, inputKey: key, request }));
        }),
      );
    }

    // Answers that are no news (a deadline, an outage) leave the vendor PENDING and the case waiting;
    // their calls are still recorded, uncounted.
    const calls: RepollCall[] = [];
    for (const [vendor, answer] of answers) {
      const counted = isFinalRepollAnswer(answer) || answer.result.status === 'PENDING' || answer.result.errorCode === 'PENDING_EXPIRED';
      calls.push({ result: answer.result, counted });
      if (!counted) answers.delete(vendor);
    }
    const changed = [...answers.values()].some((s) => s.result.status !== 'PENDING');
    const attempts = (await this.deps.polls.attempts(id)) ?? 0;
    if (!changed) {
      await this.deps.store.recordRepoll(id, calls, now, nextPollAt(now, attempts + 1, this.deps.pollBaseMs));
      return;
    }
    const vendorSignals = record.vendorSignals.map((s) => answers.get(s.result.vendor) ?? s);
    const facts = buildFacts(record, mergeSignals(vendorSignals), now);
    const decision = await evaluatePolicyTraced(this.deps.policies.policy, facts, now);
    const stillPending = vendorSignals.some((s) => s.result.status === 'PENDING');
    await this.deps.store.append(id, {
      decision,
      vendorSignals,
      calls,
      nextPollAt: stillPending ? nextPollAt(now, attempts + 1, this.deps.pollBaseMs) : null,
    });
  }
}

/** A re-poll has no images (they are never kept): only vendors keyed by ids (ADVANCE.AI's signatureId) can answer. */
function requestOf(record: IdentityRecord): VerificationRequest {
  return {
    caseNo: record.caseNo,
    country: record.country,
    documentType: record.documentType,
    documentFront: null,
    documentBack: null,
    faceSignatureId: record.faceSignatureId,
  };
}

/** A re-poll's request has no image, so nothing is ever fetched. */
async function noImages(): Promise<string> {
  throw new Error('a re-poll has no images to fetch');
}

function timedOut(vendor: Vendor): VendorSignals {
  const o = emptyOutcome(vendor, 'TIMEOUT', 'PENDING_EXPIRED', 'the vendor gave no final answer within the wait limit');
  return { ...o, result: { ...o.result, latencyMs: null } };
}

function unavailable(vendor: Vendor): VendorSignals {
  const o = emptyOutcome(vendor, 'FAILED', 'REPOLL_INPUT_UNAVAILABLE', 'the input needed to ask again is not kept');
  return { ...o, result: { ...o.result, latencyMs: null } };
}
