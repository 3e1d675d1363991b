import { describe, expect, it } from 'vitest';
import { consistencyFacts, nameSimilarityScore, normaliseName } from '../../../src/decision/engine/consistency';
import { buildFacts } from '../../../src/decision/engine/facts';
import { mergeSignals } from '../../../src/signals/merge-signals';
import { emptyOutcome, type OcrField, type Vendor, type VendorSignals } from '../../../src/signals/model';

const field = (name: string, value: string | null, vendor: Vendor): OcrField => ({ name, value, raw: value, confidence: 0.9, vendor });

function vendor(v: Vendor, fields: OcrField[]): VendorSignals {
  const outcome = emptyOutcome(v, 'OK');
  return { ...outcome, result: { ...outcome.result, latencyMs: 10 }, fields };
}

describe('computed consistency facts', () => {
  it('the same name read in another order, case or punctuation is 100 alike', () => {
    expect(normaliseName('Dara, Sok')).toBe('DARA SOK');
    expect(nameSimilarityScore(normaliseName('SOK DARA'), normaliseName('sok  dara'))).toBe(100);
    expect(nameSimilarityScore(normaliseName('Nguyễn Văn An'), normaliseName('NGUYEN VAN AN'))).toBe(100);
  });

  it('different names score low; one letter off scores high', () => {
    expect(nameSimilarityScore(normaliseName('SOK DARA'), normaliseName('NURUL AIN BINTI HASSAN'))).toBeLessThan(30);
    expect(nameSimilarityScore(normaliseName('SOK DARA'), normaliseName('SOK DAR4'))).toBe(88);
  });

  it('from the facts of a verification: the lowest pairwise similarity and whether the ID numbers agree', () => {
    const signals = mergeSignals([
      vendor('HUAWEI_OCR', [field('fullName', 'SOK DARA', 'HUAWEI_OCR'), field('idNumber', '0118 45273', 'HUAWEI_OCR')]),
      vendor('ADVANCE_AI', [field('fullName', 'SOK DAVY', 'ADVANCE_AI'), field('idNumber', '011845273', 'ADVANCE_AI'), field('idNumber', '011845278', 'ADVANCE_AI')]),
    ]);
    const facts = buildFacts({ country: 'KH', documentType: 'NATIONAL_ID' }, signals, new Date('2026-01-15T00:00:00Z'));
    expect(facts.consistency).toEqual({ nameSimilarity: 75, nameReadings: 2, idNumberAgrees: false, idNumberReadings: 3 });
  });

  it('fewer than two readings: nothing to compare (null), never a mismatch', () => {
    expect(consistencyFacts([field('fullName', 'SOK DARA', 'HUAWEI_OCR'), field('idNumber', null, 'ADVANCE_AI')])).toEqual({
      nameSimilarity: null,
      nameReadings: 1,
      idNumberAgrees: null,
      idNumberReadings: 0,
    });
  });

  it('ID numbers that differ only in spacing, dashes or case agree', () => {
    expect(consistencyFacts([field('idNumber', '820315-14-6021', 'ADVANCE_AI'), field('idNumber', '820315146021', 'HUAWEI_OCR')]).idNumberAgrees).toBe(true);
  });
});
