import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../../src/decision/engine/suggest';

describe('suggestions for a misspelt name', () => {
  it('"did you mean" is not computed for a name over 64 characters, and still is for a typo', () => {
    expect(closest('x'.repeat(65), ['x'.repeat(64)])).toBeNull();
    expect(didYouMean('fase', ['face', 'forgery'])).toBe(': did you mean face?');
  });
});
