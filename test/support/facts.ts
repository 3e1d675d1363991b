import type { Facts } from '../../src/decision/engine/facts';

/** Facts of a clean case; tests override the parts they are about. */
export function cleanFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    country: 'KH',
    documentType: 'NATIONAL_ID',
    face: { liveness: 99, similarity: 82 },
    landmarks: { min: 85.4, count: 7, scores: { 'l-kh-id-back-logo1': 94.5 } },
    forgery: { detected: false, kinds: [] },
    ocr: { minConfidence: 0.9, confidence: { idNumber: 0.99 }, missing: [], readBy: [] },
    quality: { failed: [] },
    document: { expired: false, ageYears: 34, daysToExpiry: 2000 },
    mrz: { present: true, valid: true, readable: true },
    consistency: { nameSimilarity: 100, nameReadings: 2, idNumberAgrees: true, idNumberReadings: 2 },
    vendors: { failed: [], timedOut: [], pending: [], skipped: [], notRequested: [], codes: {}, unclear: [], checksFailed: [] },
    ...overrides,
  };
}

/** A deterministic mix of clean and failing cases, so every policy outcome is exercised. */
const VARIANTS: Array<Partial<Facts>> = [
  {},
  { face: { liveness: 12, similarity: 88 } },
  { face: { liveness: 95, similarity: 40 } },
  { forgery: { detected: true, kinds: ['PHOTOCOPY'] } },
  { quality: { failed: ['BLUR', 'DARK'] } },
  { landmarks: { min: 31, count: 7, scores: {} } },
  { vendors: { failed: [], timedOut: [], pending: ['ADVANCE_AI'], skipped: [], notRequested: [], codes: {}, unclear: [], checksFailed: [] } },
  { vendors: { failed: ['VERIHUBS'], timedOut: [], pending: [], skipped: [], notRequested: [], codes: { VERIHUBS: 'INTERNAL_SERVER_ERROR' }, unclear: [], checksFailed: [] } },
  { document: { expired: true, ageYears: 50, daysToExpiry: -10 } },
  { ocr: { minConfidence: 0.2, confidence: {}, missing: [], readBy: [] }, mrz: { present: true, valid: false, readable: true } },
];

export function mixedFacts(n: number): Facts[] {
  return Array.from({ length: n }, (_, i) => cleanFacts(VARIANTS[i % VARIANTS.length]));
}
