import { describe, expect, it } from 'vitest';
import { huaweiOcrMutations } from './mutations';

describe('Huawei OCR: every mutation of a verdict-bearing field keeps the answer from passing', () => {
  for (const clean of huaweiOcrMutations.clean) {
    it(`${clean.name}: clean, every verdict PASSED`, () => {
      const outcome = huaweiOcrMutations.transform(clean.body);
      expect(outcome.result.status).toBe('OK');
      expect(outcome.verdicts.map((v) => [v.check, v.verdict])).toEqual([
        ['OCR', 'PASSED'],
        ['DOCUMENT', 'PASSED'],
      ]);
    });

    const mutations = huaweiOcrMutations.mutations(clean.body);
    it(`${clean.name}: ${mutations.length} mutations, each a non-PASSED verdict on its field or no OK answer`, () => {
      for (const mutation of mutations) {
        const outcome = huaweiOcrMutations.transform(mutation.body);
        const notPassed = outcome.verdicts.filter((v) => v.verdict !== 'PASSED');
        if (mutation.carriesNoVerdict) {
          expect(notPassed, mutation.name).toEqual([]);
          continue;
        }
        if (outcome.result.status !== 'OK') continue;
        expect(notPassed.length, mutation.name).toBeGreaterThan(0);
      }
    });
  }
});
