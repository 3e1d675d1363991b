import { describe, expect, it } from 'vitest';
import { completeFacts } from '../../../src/decision/engine/complete-facts';
import { cleanFacts } from '../../support/facts';

describe('completing stored facts', () => {
  it('fills in a fact that stored facts predate: the missing fact reads as nothing observed', () => {
    const { consistency: _absent, ...old } = cleanFacts();
    const { facts, problems } = completeFacts(old);
    expect(problems).toEqual([]);
    expect(facts.consistency).toEqual({ nameSimilarity: null, nameReadings: 0, idNumberAgrees: null, idNumberReadings: 0 });
  });
});
