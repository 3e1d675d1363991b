import type { IdentityRecord } from '../store/identity-record';
import { latestDecision } from '../store/identity-record';
import type { IdentityType } from './types/identity';

/** The GraphQL view of a stored case. Decisions keep their facts server-side; only the contract's fields go out. */
export function toIdentityView(record: IdentityRecord): IdentityType {
  const { signals } = record;
  return {
    id: record.id,
    caseNo: record.caseNo,
    country: record.country,
    documentType: record.documentType,
    document: signals.document,
    face: signals.face,
    landmarks: signals.landmarks,
    forgery: signals.forgery,
    quality: signals.quality,
    vendorResults: signals.vendorResults,
    decision: latestDecision(record),
    decisions: record.decisions,
    createdAt: record.createdAt,
  };
}
