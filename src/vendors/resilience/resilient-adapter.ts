import { emptyOutcome, type VendorOutcome } from '../../signals/model';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import { observationOf } from './attempt-probe';
import { classifyAttempt, isRetryable, type AttemptClass } from './attempt-class';
import { backoffMs, pause } from './backoff';
import type { VendorGuard } from './vendor-guard';

export interface RetrySettings {
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  random?: () => number;
}

/** Hooks for metrics: each retry, each call refused without reaching the vendor. */
export interface ResilienceObserver {
  retry(vendor: VendorAdapter['vendor'], reason: AttemptClass): void;
  shortCircuit(vendor: VendorAdapter['vendor'], reason: 'circuit_open' | 'rate_limited'): void;
}

/**
 * Wraps a vendor adapter with its guard. Each attempt asks the circuit breaker first (an open breaker
 * answers FAILED `CIRCUIT_OPEN` at once). An attempt is retried only when it failed in a way worth
 * retrying (a transport error, a timeout of the attempt, 502/503/504, a documented transient code, a
 * 429), never for an answer of the vendor; and only when the backoff plus the time a good answer
 * takes still fits before the verification's deadline (`context.deadlineAt`; without it there is no
 * budget for a retry). A 429 holds every call to the vendor back until its Retry-After: a call that
 * cannot wait that long answers FAILED `RATE_LIMITED` instead of calling.
 */
export function resilientAdapter(adapter: VendorAdapter, guard: VendorGuard, settings: RetrySettings, observer?: ResilienceObserver): VendorAdapter {
  const vendor = adapter.vendor;
  const random = settings.random ?? Math.random;

  const call = async (request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> => {
    const deadlineAt = context.deadlineAt ?? Date.now();
    const fits = (waitMs: number) => Date.now() + waitMs + guard.expectedLatencyMs() < deadlineAt;
    let last: VendorOutcome | null = null;
    for (let attempt = 0; ; attempt++) {
      const holdOff = guard.holdOffRemaining();
      if (holdOff > 0) {
        if (!fits(holdOff)) {
          observer?.shortCircuit(vendor, 'rate_limited');
          return last ?? emptyOutcome(vendor, 'FAILED', 'RATE_LIMITED', 'the vendor asked to slow down and no call fitted before the deadline');
        }
        if (!(await pause(holdOff, context.signal))) return last ?? interrupted(vendor, deadlineAt);
      }
      const permit = guard.breaker.acquire();
      if (permit === null) {
        observer?.shortCircuit(vendor, 'circuit_open');
        return last ?? emptyOutcome(vendor, 'FAILED', 'CIRCUIT_OPEN', 'calls to this vendor are paused after repeated failures');
      }
      const started = performance.now();
      let kind: AttemptClass = 'abandoned';
      try {
        const value = await adapter.call(request, context);
        const seen = observationOf(value);
        const callerGone = context.signal.aborted && Date.now() < deadlineAt;
        kind = classifyAttempt(vendor, value, seen, callerGone);
        if (kind === 'throttled') guard.holdOff(seen.retryAfterMs);
        last = value;
      } finally {
        guard.breaker.release(permit, guard.recordAttempt(kind, performance.now() - started));
      }
      if (!isRetryable(kind) || attempt >= settings.retries) return last;
      const delay = kind === 'throttled' ? guard.holdOffRemaining() : backoffMs(attempt, settings.retryBaseMs, settings.retryMaxMs, random);
      if (!fits(delay)) return last;
      observer?.retry(vendor, kind);
      // A throttled retry waits at the top of the loop, with every other call held back.
      if (kind !== 'throttled' && !(await pause(delay, context.signal))) return last;
    }
  };

  return {
    vendor,
    checks: adapter.checks,
    inputKey: (request) => adapter.inputKey(request),
    call,
    close: () => adapter.close(),
  };
}

function interrupted(vendor: VendorAdapter['vendor'], deadlineAt: number): VendorOutcome {
  return Date.now() >= deadlineAt
    ? emptyOutcome(vendor, 'TIMEOUT', 'TIMEOUT', 'verification deadline passed')
    : emptyOutcome(vendor, 'FAILED', 'CANCELLED', 'the verification was cancelled');
}
