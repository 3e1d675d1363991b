import type { Decision } from '../decision/engine/decision';
import { buildFacts } from '../decision/engine/facts';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import { evaluatePolicyTraced } from '../observability/traced-evaluate';
import type { MergedSignals } from '../signals/merged';
import type { DocumentType, VendorSignals } from '../signals/model';
import type { IdentityCase, IdentityRecord } from '../store/identity-record';
import type { IdentityStore, RepollCall } from '../store/identity-store';
import { mergeSignals } from '../signals/merge-signals';
import { nextPollAt } from './poll-schedule';

export interface CaseDeciderDeps {
  policies: PolicyHolder;
  store: Pick<IdentityStore, 'create' | 'append'>;
  /** First re-poll of a pending case after this many ms (then exponential backoff). */
  pollBaseMs: number;
}

/** A new case as the verification made it: everything but what is derived from its vendors' signals. */
export type UndecidedCase = Omit<IdentityCase, 'signals' | 'createdAt' | 'updatedAt'>;

/**
 * The step after the vendors answered: their signals are merged, turned into facts, the running
 * policy decides, and the case is stored with its decision. While a vendor is still PENDING the case
 * is stored with its next poll; once none is, with none.
 */
export class CaseDecider {
  constructor(private readonly deps: CaseDeciderDeps) {}

  /** A new case and its first decision, written in one statement. */
  async decideNew(undecided: UndecidedCase, now: Date): Promise<IdentityRecord> {
    const { signals, decision } = await this.decide(undecided, undecided.vendorSignals, now);
    const record: IdentityRecord = { ...undecided, signals, decisions: [decision], createdAt: now, updatedAt: now };
    await this.deps.store.create(record, this.nextPoll(undecided.vendorSignals, now, 0));
    return record;
  }

  /**
   * A re-polled case decided again: the decision, the vendors' new signals and the calls made are
   * appended. `pollAttempt` counts the polls made so far (the backoff grows with it).
   */
  async decideAgain(stored: IdentityCase, vendorSignals: VendorSignals[], calls: RepollCall[], pollAttempt: number, now: Date): Promise<void> {
    const { decision } = await this.decide(stored, vendorSignals, now);
    await this.deps.store.append(stored.id, { decision, vendorSignals, calls, nextPollAt: this.nextPoll(vendorSignals, now, pollAttempt) });
  }

  private async decide(
    subject: { country: string; documentType: DocumentType },
    vendorSignals: readonly VendorSignals[],
    now: Date,
  ): Promise<{ signals: MergedSignals; decision: Decision }> {
    const signals = mergeSignals(vendorSignals);
    const decision = await evaluatePolicyTraced(this.deps.policies.policy, buildFacts(subject, signals, now), now);
    return { signals, decision };
  }

  private nextPoll(vendorSignals: readonly VendorSignals[], now: Date, pollAttempt: number): Date | null {
    const pending = vendorSignals.some((s) => s.result.status === 'PENDING');
    return pending ? nextPollAt(now, pollAttempt, this.deps.pollBaseMs) : null;
  }
}
