import type { Decision } from '../decision/engine/decision';
import { mergeSignals } from '../signals/merge-signals';
import type { DocumentType, Outcome, Vendor, VendorResult, VendorSignals, VendorStatus } from '../signals/model';
import type { IdentityCase } from './identity-record';

/** Row shapes as both drivers return them, and their mapping to the domain. */
export interface IdentityRow {
  id: string;
  seq_text: string;
  owner: string;
  case_no: string;
  input_hash: string;
  country: string;
  document_type: string;
  face_signature_id: string | null;
  image_hashes: { front: string | null; back: string | null };
  vendor_signals: VendorSignals[];
  created_at: Date;
  updated_at: Date;
}

export interface DecisionRow {
  identity_id: string;
  seq: number;
  outcome: string;
  reasons: Decision['reasons'];
  policy_version: string;
  facts: Decision['facts'];
  decided_at: Date;
  decided_by: string | null;
  note: string | null;
}

export interface VendorCallRow {
  identity_id: string;
  vendor: string;
  status: string;
  latency_ms: number | null;
  error_code: string | null;
  message: string | null;
  reference: string | null;
}

export const IDENTITY_COLUMNS =
  'id, seq::text AS seq_text, owner, case_no, input_hash, country, document_type, face_signature_id, image_hashes, vendor_signals, created_at, updated_at';

export function toIdentityCase(row: IdentityRow): IdentityCase {
  return {
    id: row.id,
    owner: row.owner,
    caseNo: row.case_no,
    inputHash: row.input_hash,
    country: row.country,
    documentType: row.document_type as DocumentType,
    faceSignatureId: row.face_signature_id,
    imageHashes: row.image_hashes,
    vendorSignals: withVerdicts(row.vendor_signals),
    signals: mergeSignals(withVerdicts(row.vendor_signals)),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toDecision(row: DecisionRow): Decision {
  return {
    outcome: row.outcome as Outcome,
    reasons: row.reasons,
    policyVersion: row.policy_version,
    decidedAt: new Date(row.decided_at),
    facts: row.facts,
    decidedBy: row.decided_by,
    note: row.note,
  };
}

export function toVendorResult(row: VendorCallRow): VendorResult {
  return {
    vendor: row.vendor as Vendor,
    status: row.status as VendorStatus,
    latencyMs: row.latency_ms,
    errorCode: row.error_code,
    message: row.message,
    reference: row.reference,
  };
}

/** Answers stored before verdicts existed carry none: read as an empty list. */
function withVerdicts(signals: VendorSignals[]): VendorSignals[] {
  return signals.map((s) => (Array.isArray(s.verdicts) ? s : { ...s, verdicts: [] }));
}
