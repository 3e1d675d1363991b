import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Exponential backoff with jitter: retry n (0-based) waits between half and all of
 * min(max, base·2ⁿ). The random half spreads the retries of many callers that failed together, so a
 * vendor coming back is not hit by all of them at the same instant.
 */
export function backoffMs(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** retry);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Waits `ms`, or less if `signal` aborts; resolves true when the full wait elapsed. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
