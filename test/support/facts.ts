import type { Facts } from '../../src/decision/facts';

/** Facts of a clean case; tests override the parts they are about. */
export function cleanFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    country: 'KH',
    documentType: 'NATIONAL_ID',
    face: { liveness: 99, similarity: 82 },
    landmarks: { min: 85.4, count: 7, scores: { 'l-kh-id-back-logo1': 94.5 } },
    forgery: { detected: false, kinds: [] },
    ocr: { minConfidence: 0.9, confidence: { idNumber: 0.99 }, missing: [] },
    quality: { failed: [] },
    document: { expired: false, ageYears: 34, daysToExpiry: 2000 },
    mrz: { present: true, valid: true },
    consistency: { nameSimilarity: 100, nameReadings: 2, idNumberAgrees: true, idNumberReadings: 2 },
    vendors: { failed: [], timedOut: [], pending: [], skipped: [], codes: {} },
    ...overrides,
  };
}
