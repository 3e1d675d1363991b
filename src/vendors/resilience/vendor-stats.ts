/** Latency percentiles and error rate of one vendor over a recent window. */
export interface VendorStatsSnapshot {
  /** Attempts in the window (at most the ring's capacity). */
  calls: number;
  /** Nearest-rank percentiles of the attempts' latency, in ms; null without attempts. */
  latencyP50: number | null;
  latencyP99: number | null;
  /** Failed attempts (transport, timeout, 5xx, 429, quota, unreadable) over all attempts, 0..1; null without attempts. */
  errorRate: number | null;
}

/**
 * The last attempts made to one vendor, in a fixed-size ring (so memory does not grow with traffic),
 * read over a time window: what an operator asks "how is this vendor doing right now".
 */
export class VendorStats {
  private readonly at: Float64Array;
  private readonly latency: Float64Array;
  private readonly failed: Uint8Array;
  private next = 0;
  private size = 0;

  constructor(
    private readonly windowMs: number,
    capacity = 1024,
    private readonly now: () => number = Date.now,
  ) {
    this.at = new Float64Array(capacity);
    this.latency = new Float64Array(capacity);
    this.failed = new Uint8Array(capacity);
  }

  record(latencyMs: number, failed: boolean): void {
    this.at[this.next] = this.now();
    this.latency[this.next] = latencyMs;
    this.failed[this.next] = failed ? 1 : 0;
    this.next = (this.next + 1) % this.at.length;
    this.size = Math.min(this.size + 1, this.at.length);
  }

  snapshot(): VendorStatsSnapshot {
    const since = this.now() - this.windowMs;
    const latencies: number[] = [];
    let failures = 0;
    for (let i = 0; i < this.size; i++) {
      if (this.at[i]! < since) continue;
      latencies.push(this.latency[i]!);
      failures += this.failed[i]!;
    }
    if (latencies.length === 0) return { calls: 0, latencyP50: null, latencyP99: null, errorRate: null };
    latencies.sort((a, b) => a - b);
    const rank = (p: number) => latencies[Math.min(latencies.length, Math.max(1, Math.ceil((p / 100) * latencies.length))) - 1]!;
    return { calls: latencies.length, latencyP50: Math.round(rank(50)), latencyP99: Math.round(rank(99)), errorRate: failures / latencies.length };
  }
}
