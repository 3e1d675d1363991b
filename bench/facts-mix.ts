import type { Facts } from '../src/decision/facts';
import { cleanFacts } from '../test/support/facts';

/** A deterministic mix of clean and failing cases, so every policy outcome is exercised. */
const VARIANTS: Array<Partial<Facts>> = [
  {},
  { face: { liveness: 12, similarity: 88 } },
  { face: { liveness: 95, similarity: 40 } },
  { forgery: { detected: true, kinds: ['PHOTOCOPY'] } },
  { quality: { failed: ['BLUR', 'DARK'] } },
  { landmarks: { min: 31, count: 7, scores: {} } },
  { vendors: { failed: [], timedOut: [], pending: ['ADVANCE_AI'], skipped: [], codes: {} } },
  { vendors: { failed: ['VERIHUBS'], timedOut: [], pending: [], skipped: [], codes: { VERIHUBS: 'INTERNAL_SERVER_ERROR' } } },
  { document: { expired: true, ageYears: 50, daysToExpiry: -10 } },
  { ocr: { minConfidence: 0.2, confidence: {}, missing: [] }, mrz: { present: true, valid: false } },
];

export function mixedFacts(n: number): Facts[] {
  return Array.from({ length: n }, (_, i) => cleanFacts(VARIANTS[i % VARIANTS.length]));
}
