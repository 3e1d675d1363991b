import type { IdentityRecord } from './identity-record';
import { latestDecision } from './identity-record';

/** A case to write, and when its pending vendors are next polled (null: none pending). */
export interface NewCase {
  record: IdentityRecord;
  nextPollAt: Date | null;
}

/** One new case as a JSON object for ekyc_insert_cases (migration 4). */
export function caseRow({ record, nextPollAt }: NewCase): Record<string, unknown> {
  const d = latestDecision(record);
  return {
    id: record.id,
    owner: record.owner,
    case_no: record.caseNo,
    input_hash: record.inputHash,
    country: record.country,
    document_type: record.documentType,
    face_signature_id: record.faceSignatureId,
    image_hashes: record.imageHashes,
    vendor_signals: record.vendorSignals,
    outcome: d.outcome,
    created_at: record.createdAt.toISOString(),
    next_poll_at: nextPollAt?.toISOString() ?? null,
    calls: record.vendorSignals.map(({ result: c }) => ({
      vendor: c.vendor,
      status: c.status,
      latency_ms: c.latencyMs,
      error_code: c.errorCode,
      message: c.message,
      reference: c.reference,
    })),
    decision: {
      outcome: d.outcome,
      reasons: d.reasons,
      policy_version: d.policyVersion,
      facts: d.facts,
      decided_at: d.decidedAt.toISOString(),
      decided_by: d.decidedBy,
      note: d.note,
    },
  };
}
