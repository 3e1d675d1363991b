/** When to poll a pending case again: exponential backoff from `baseMs`, capped at `maxMs`, with jitter. */
export function nextPollAt(now: Date, attempts: number, baseMs: number, maxMs = 60_000): Date {
  const backoff = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 16));
  const jitter = backoff * 0.1 * Math.random();
  return new Date(now.getTime() + backoff + jitter);
}
