import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/vendors/resilience/circuit-breaker';

/** The breaker on its own, with a clock the test moves. */
describe('circuit breaker', () => {
  const make = () => {
    let now = 1_000_000;
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 5_000, now: () => now });
    return { breaker, advance: (ms: number) => (now += ms) };
  };
  const fail = (b: CircuitBreaker) => b.release(b.acquire()!, 'failure');

  it('opens after a run of consecutive failures, and a success in between resets the run', () => {
    const { breaker } = make();
    fail(breaker);
    fail(breaker);
    breaker.release(breaker.acquire()!, 'success');
    fail(breaker);
    fail(breaker);
    expect(breaker.state).toBe('CLOSED');
    fail(breaker);
    expect(breaker.state).toBe('OPEN');
    expect(breaker.opens).toBe(1);
  });

  it('fails fast while open: no permit is given', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) fail(breaker);
    expect(breaker.acquire()).toBeNull();
    advance(4_999);
    expect(breaker.acquire()).toBeNull();
    expect(breaker.state).toBe('OPEN');
  });

  it('half-opens after the open time: one probe goes, the others still fail fast; its success closes', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) fail(breaker);
    advance(5_000);
    expect(breaker.state).toBe('HALF_OPEN');
    const probe = breaker.acquire();
    expect(probe).toEqual({ probe: true });
    expect(breaker.acquire()).toBeNull();
    breaker.release(probe!, 'success');
    expect(breaker.state).toBe('CLOSED');
    expect(breaker.acquire()).toEqual({ probe: false });
  });

  it('a failed probe opens it again for another open time', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) fail(breaker);
    advance(5_000);
    breaker.release(breaker.acquire()!, 'failure');
    expect(breaker.state).toBe('OPEN');
    expect(breaker.opens).toBe(2);
    advance(4_000);
    expect(breaker.acquire()).toBeNull();
    advance(1_000);
    expect(breaker.state).toBe('HALF_OPEN');
  });

  it('a neutral probe (caller gone, rate limit) frees the probe slot without deciding', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) fail(breaker);
    advance(5_000);
    breaker.release(breaker.acquire()!, 'neutral');
    expect(breaker.state).toBe('HALF_OPEN');
    expect(breaker.acquire()).toEqual({ probe: true });
  });

  it('neutral results never count towards opening', () => {
    const { breaker } = make();
    for (let i = 0; i < 10; i++) breaker.release(breaker.acquire()!, 'neutral');
    expect(breaker.state).toBe('CLOSED');
  });

  it('a vendor failing one attempt in five does not open it, even through runs of failures', () => {
    const { breaker } = make();
    // 16 successes, then 4 failures in a row (over the threshold of 3), again and again: 20 % failed.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 16; i++) breaker.release(breaker.acquire()!, 'success');
      for (let i = 0; i < 4; i++) fail(breaker);
    }
    expect(breaker.state).toBe('CLOSED');
    expect(breaker.opens).toBe(0);
  });

  it('opens when a vendor that was fine starts failing every call', () => {
    const { breaker } = make();
    for (let i = 0; i < 20; i++) breaker.release(breaker.acquire()!, 'success');
    // The run passes 3 at once, but half of the last 20 attempts have failed only at the 10th failure.
    for (let i = 0; i < 9; i++) fail(breaker);
    expect(breaker.state).toBe('CLOSED');
    fail(breaker);
    expect(breaker.state).toBe('OPEN');
  });

  it('a late success of a call started before the breaker opened does not close it', () => {
    const { breaker } = make();
    const early = breaker.acquire()!;
    for (let i = 0; i < 3; i++) fail(breaker);
    breaker.release(early, 'success');
    expect(breaker.state).toBe('OPEN');
  });
});
