/**
 * Group commit: writes submitted while earlier ones are on their way to the database go together, as
 * one statement, when those come back. A lone write goes at once (no added wait at low load); under
 * load, one round trip and one commit serve many callers, which is what bounds a store's throughput
 * (each statement costs a round trip, a parse and a WAL flush; an extra row in it costs little).
 *
 * A batch refused because of what one item holds (`isItemError`: a constraint or a value the database
 * refuses) is split: every item is written on its own, one after the other, so the bad one fails alone
 * and the others still land. Any other failure (the database unreachable, a lost connection: the
 * statement may even have committed) fails every item of the batch, as it would have failed each alone.
 * Each caller's promise settles with its own item's outcome.
 */
export interface GroupCommitOptions<T, R> {
  /** Writes many items in one statement; resolves with one result per item, in order. */
  writeMany(items: readonly T[]): Promise<R[]>;
  /** Batches on their way at once. */
  parallel: number;
  /** Items in one statement at most. */
  maxBatch: number;
  /** Items that must not share a statement (e.g. the same unique key): the later one waits for the next batch. */
  key?: (item: T) => string;
  /** Whether a failed batch was refused because of one of its items, so that splitting it helps. */
  isItemError(error: unknown): boolean;
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class GroupCommit<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.parallel && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The next batch: up to maxBatch items from the queue's head, none sharing a key. */
  private take(): Array<Pending<T, R>> {
    const { key, maxBatch } = this.options;
    if (!key) return this.queue.splice(0, maxBatch);
    const batch: Array<Pending<T, R>> = [];
    const rest: Array<Pending<T, R>> = [];
    const keys = new Set<string>();
    for (const pending of this.queue) {
      const k = key(pending.item);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async write(batch: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await this.options.writeMany(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || !this.options.isItemError(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      // Which item failed is unknown: each on its own, in turn, so only that one fails.
      for (const p of batch) {
        try {
          p.resolve((await this.options.writeMany([p.item]))[0]!);
        } catch (own) {
          p.reject(own);
        }
      }
    }
  }
}
