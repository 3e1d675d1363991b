/** A token bucket: `burst` requests at once, refilled at `perMinute`. */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets per key, in this process's memory. With several replicas each keeps its own buckets,
 * so a key's effective limit is the per-replica limit times the replicas it reaches.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly defaults: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The limit that applies: the key's own, else the default. */
  limitOf(limit: RateLimit | null): RateLimit {
    return limit ?? this.defaults;
  }

  /**
   * Takes `tokens` tokens; returns 0 when allowed, else the seconds to wait before they are back, or
   * Infinity when they never will be (more than the burst). Nothing is taken unless all are.
   */
  take(keyId: string, limit: RateLimit | null, tokens = 1): number {
    const { perMinute, burst } = this.limitOf(limit);
    if (tokens > burst) return Number.POSITIVE_INFINITY;
    const bucket = this.refilled(keyId, limit);
    if (bucket.tokens >= tokens) {
      bucket.tokens -= tokens;
      return 0;
    }
    return Math.max(1, Math.ceil(((tokens - bucket.tokens) / perMinute) * 60));
  }

  /** Gives back tokens taken for work that then did not run. */
  refund(keyId: string, limit: RateLimit | null, tokens: number): void {
    const bucket = this.refilled(keyId, limit);
    bucket.tokens = Math.min(this.limitOf(limit).burst, bucket.tokens + tokens);
  }

  private refilled(keyId: string, limit: RateLimit | null): Bucket {
    const { perMinute, burst } = this.limitOf(limit);
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 60_000) * perMinute);
    bucket.updatedAt = now;
    this.buckets.set(keyId, bucket);
    return bucket;
  }
}
