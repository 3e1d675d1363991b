/**
 * Hashes of keys that failed to authenticate, remembered for `ttlMs` so that a client repeating a
 * wrong key costs no database lookup each time. Bounded: past `maxEntries` the least recently seen
 * hash is forgotten (a flood of random keys costs memory for at most that many). Holds hashes only,
 * never a key. A key that starts to exist while its hash is remembered here (created or re-enabled in
 * another process) is refused until its entry expires: `ttlMs` is that delay.
 */
export class FailedKeyCache {
  /** Hash → when it expires; Map order is recency (oldest first). */
  private readonly entries = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether `hash` failed within the last `ttlMs`; a hit makes it the most recently seen. */
  has(hash: string): boolean {
    const until = this.entries.get(hash);
    if (until === undefined) return false;
    this.entries.delete(hash);
    if (until <= this.now()) return false;
    this.entries.set(hash, until);
    return true;
  }

  add(hash: string): void {
    this.entries.delete(hash);
    this.entries.set(hash, this.now() + this.ttlMs);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
