import { describe, expect, it } from 'vitest';
import { isFinalRepollAnswer } from '../../src/orchestration/repoll-answer';
import { emptyOutcome, type VendorStatus } from '../../src/signals/model';

const answer = (status: VendorStatus, code: string | null) => {
  const o = emptyOutcome('ADVANCE_AI', status, code);
  return { ...o, result: { ...o.result, latencyMs: 10 } };
};

describe('a re-poll answer ends the wait only when it is news about the job', () => {
  it.each([
    ['a result', answer('OK', 'SUCCESS'), true],
    ['the vendor’s one-hour user timeout', answer('FAILED', 'USER_TIMEOUT'), true],
    ['an unknown signature', answer('FAILED', 'SIGNATURE_NOT_EXIST'), true],
    ['still processing', answer('PENDING', null), false],
    ['our deadline', answer('TIMEOUT', 'TIMEOUT'), false],
    ['a reset connection', answer('FAILED', 'ECONNRESET'), false],
    ['an undici socket error', answer('FAILED', 'UND_ERR_SOCKET'), false],
    ['a 503', answer('FAILED', 'HTTP_503'), false],
    ['the vendor’s server error', answer('FAILED', 'ERROR'), false],
    ['an open breaker', answer('FAILED', 'CIRCUIT_OPEN'), false],
    ['a rate limit', answer('FAILED', 'RATE_LIMITED'), false],
  ])('%s → %s', (_what, signals, final) => {
    expect(isFinalRepollAnswer(signals)).toBe(final);
  });
});
