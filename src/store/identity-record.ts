import type { Decision } from '../decision/decision';
import type { MergedSignals } from '../signals/merged';
import type { DocumentType } from '../signals/model';

/** One verification case as kept: the merged signals and its decisions, oldest first. */
export interface IdentityRecord {
  id: string;
  caseNo: string;
  country: string;
  documentType: DocumentType;
  signals: MergedSignals;
  /** Append-only; the last one is the current decision. */
  decisions: Decision[];
  createdAt: Date;
}

export function latestDecision(record: IdentityRecord): Decision {
  return record.decisions[record.decisions.length - 1]!;
}
