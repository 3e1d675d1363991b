import type { IdentityCase, IdentityRecord } from '../store/identity-record';
import type { GatewayContext } from './context';
import type { IdentityType } from './types/identity';

/** What the Identity resolvers receive: the case without decisions and vendor results (loaded per request). */
export type IdentityView = Omit<IdentityType, 'decision' | 'decisions' | 'vendorResults'>;

export function toIdentityView(record: IdentityCase): IdentityView {
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
    verdicts: signals.verdicts,
    createdAt: record.createdAt,
  };
}

/** The view of a case read without its decisions: its vendor results are in the row, its decisions load in a batch. */
export function caseView(record: IdentityCase, context: GatewayContext): IdentityView {
  context.loaders.vendorResults.clear(record.id).prime(record.id, record.signals.vendorResults);
  return toIdentityView(record);
}

/** The view of a case already loaded whole: its decisions and vendor results are primed, no query needed. */
export function primedView(record: IdentityRecord, context: GatewayContext): IdentityView {
  context.loaders.decisions.clear(record.id).prime(record.id, record.decisions);
  context.loaders.vendorResults.clear(record.id).prime(record.id, record.signals.vendorResults);
  return toIdentityView(record);
}
