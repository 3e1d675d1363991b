import { ConfigError } from './config-error';
import { optionalVar, positiveIntVar } from './env-readers';

/** Per-vendor protection: retries with jittered backoff and a circuit breaker (same settings for every vendor). */
export interface ResilienceConfig {
  /** Extra attempts after a transient failure or a 429 (0 turns retries off). */
  retries: number;
  /** First backoff; each retry doubles it, up to `retryMaxMs`, and a random half of it is jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Consecutive failed attempts that open a vendor's breaker. */
  breakerFailures: number;
  /** How long an open breaker fails fast before it lets one probe through. */
  breakerOpenMs: number;
  /** The window of the `vendors` query's latency percentiles and error rate. */
  statsWindowMs: number;
  /** Request-body bytes held in memory at once (REQUEST_BODY_BUDGET_MB); a request past it waits its turn. */
  bodyBudgetBytes: number;
  /**
   * Of that budget, the bytes one API key holds at once (REQUEST_BODY_BUDGET_PER_KEY_MB, default a
   * quarter of the budget): a key's large request past its share waits without holding up other keys'.
   */
  bodyBudgetPerKeyBytes: number;
  /**
   * A request body must arrive within this long (REQUEST_BODY_TIMEOUT_MS), else 408; a large one waits
   * at most this long for room in the body budget, else 503.
   */
  bodyTimeoutMs: number;
}

const DEFAULT_RESILIENCE: ResilienceConfig = {
  retries: 2,
  retryBaseMs: 100,
  retryMaxMs: 2_000,
  breakerFailures: 5,
  breakerOpenMs: 10_000,
  statsWindowMs: 60_000,
  bodyBudgetBytes: 64 * 1024 * 1024,
  bodyBudgetPerKeyBytes: 16 * 1024 * 1024,
  bodyTimeoutMs: 30_000,
};

function nonNegativeIntVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = optionalVar(env, name);
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 10) throw new ConfigError(name, 'must be an integer from 0 to 10');
  return Number(value);
}

export function readResilienceConfig(env: NodeJS.ProcessEnv): ResilienceConfig {
  const d = DEFAULT_RESILIENCE;
  const retryBaseMs = positiveIntVar(env, 'VENDOR_RETRY_BASE_MS', d.retryBaseMs);
  const retryMaxMs = positiveIntVar(env, 'VENDOR_RETRY_MAX_MS', Math.max(d.retryMaxMs, retryBaseMs));
  if (retryMaxMs < retryBaseMs) throw new ConfigError('VENDOR_RETRY_MAX_MS', 'must be at least VENDOR_RETRY_BASE_MS');
  const MiB = 1024 * 1024;
  const budgetMb = positiveIntVar(env, 'REQUEST_BODY_BUDGET_MB', d.bodyBudgetBytes / MiB);
  const perKeyMb = positiveIntVar(env, 'REQUEST_BODY_BUDGET_PER_KEY_MB', Math.max(1, Math.floor(budgetMb / 4)));
  if (perKeyMb > budgetMb) throw new ConfigError('REQUEST_BODY_BUDGET_PER_KEY_MB', 'must be at most REQUEST_BODY_BUDGET_MB');
  return {
    retries: nonNegativeIntVar(env, 'VENDOR_RETRIES', d.retries),
    retryBaseMs,
    retryMaxMs,
    breakerFailures: positiveIntVar(env, 'VENDOR_BREAKER_FAILURES', d.breakerFailures),
    breakerOpenMs: positiveIntVar(env, 'VENDOR_BREAKER_OPEN_MS', d.breakerOpenMs),
    statsWindowMs: positiveIntVar(env, 'VENDOR_STATS_WINDOW_MS', d.statsWindowMs),
    bodyBudgetBytes: budgetMb * MiB,
    bodyBudgetPerKeyBytes: perKeyMb * MiB,
    bodyTimeoutMs: positiveIntVar(env, 'REQUEST_BODY_TIMEOUT_MS', d.bodyTimeoutMs),
  };
}
