import { describe, expect, it } from 'vitest';
import { clip, echo, ECHO_LENGTH } from '../../../src/decision/engine/echo';

describe('quoting what a problem names', () => {
  const huge = 'k'.repeat(20_000);

  it(`clip and echo keep at most ${ECHO_LENGTH} characters and an ellipsis`, () => {
    expect(clip('short')).toBe('short');
    expect(clip(huge)).toBe(`${'k'.repeat(ECHO_LENGTH)}…`);
    expect(echo(huge)).toBe(`"${'k'.repeat(ECHO_LENGTH - 1)}…`);
    expect(echo(42)).toBe('42');
    // Never half a surrogate pair.
    expect(clip(`${'a'.repeat(ECHO_LENGTH - 1)}😀tail`)).toBe(`${'a'.repeat(ECHO_LENGTH - 1)}…`);
  });
});
