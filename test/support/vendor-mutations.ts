import type { Vendor, VendorOutcome } from '../../src/signals/model';

/** One mutated vendor answer: a verdict-bearing field of a clean answer changed in one way. */
export interface AnswerMutation {
  name: string;
  /** the verdict-bearing field this mutates */
  field: string;
  body: unknown;
  /** true when the mutated field carries no verdict (then the decision may stay APPROVE) */
  carriesNoVerdict?: boolean;
}

/** A vendor's clean answers, its pure transformer, and the mutations of a clean answer's verdict fields. */
export interface VendorMutationSet {
  vendor: Vendor;
  /** the documented example answer(s) that pass */
  clean: { name: string; body: unknown }[];
  /** maps a wire body to the outcome, as the adapter does (the pure transformer) */
  transform(body: unknown): VendorOutcome;
  mutations(clean: unknown): AnswerMutation[];
}
