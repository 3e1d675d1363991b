import type { Decision } from '../decision/engine/decision';
import type { MergedSignals } from '../signals/merged';
import type { DocumentType, VendorSignals } from '../signals/model';

/** A case as kept, without its decisions (a listed page loads those in one batch). */
export interface IdentityCase {
  id: string;
  /** Who created the case (an API key's id; `anonymous` before keys exist). Scopes idempotency. */
  owner: string;
  caseNo: string;
  /** Hash of the verification input: the same caseNo with another input is a conflict. */
  inputHash: string;
  country: string;
  documentType: DocumentType;
  faceSignatureId: string | null;
  /** SHA-256 of each base64 image (URLs: of the URL); never the image itself. */
  imageHashes: { front: string | null; back: string | null };
  /** Each routed vendor's current signals, in routing order. */
  vendorSignals: VendorSignals[];
  /** Derived from vendorSignals. */
  signals: MergedSignals;
  createdAt: Date;
  updatedAt: Date;
}

/** A case with its decisions, oldest first; append-only, the last one is current. */
export interface IdentityRecord extends IdentityCase {
  decisions: Decision[];
}

export function latestDecision(record: { decisions: Decision[] }): Decision {
  return record.decisions[record.decisions.length - 1]!;
}
