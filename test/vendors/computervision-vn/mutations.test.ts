import { describe, expect, it } from 'vitest';
import { computervisionVnMutations as set } from './mutations';

describe('computervision.com.vn answer mutations', () => {
  it('the clean answer is OK with every verdict PASSED', () => {
    for (const clean of set.clean) {
      const outcome = set.transform(clean.body);
      expect(outcome.result.status).toBe('OK');
      expect(outcome.verdicts.map((v) => v.verdict)).toEqual(['PASSED', 'PASSED']);
    }
  });

  const clean = set.clean[0]!.body;
  it.each(set.mutations(clean).map((m) => [m.name, m] as const))('%s', (_name, mutation) => {
    const outcome = set.transform(mutation.body);
    const judged = outcome.result.status !== 'OK' || outcome.verdicts.some((v) => v.verdict !== 'PASSED');
    expect(judged).toBe(!mutation.carriesNoVerdict);
  });
});
