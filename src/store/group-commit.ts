/**
 * Group commit: writes submitted while earlier ones are on their way to the database go together, as
 * one statement, when those come back. A lone write goes at once (no added wait at low load); under
 * load, one round trip and one commit serve many callers, which is what bounds a store's throughput
 * (each statement costs a round trip, a parse and a WAL flush; an extra row in it costs little).
 *
 * A batch that fails is split: every item is written on its own, so one bad item fails alone and
 * the others still land. Each caller's promise settles with its own item's outcome.
 */
export interface GroupCommitOptions<T, R> {
  /** Writes many items in one statement; resolves with one result per item, in order. */
  writeMany(items: readonly T[]): Promise<R[]>;
  /** Batches on their way at once (PGlite: 1, one connection; a server: a few of its pool). */
  parallel: number;
  /** Items in one statement at most. */
  maxBatch: number;
  /** Items that must not share a statement (e.g. the same unique key): the later one waits for the next batch. */
  key?: (item: T) => string;
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
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Which item failed is unknown: each on its own, so only that one fails.
      await Promise.all(
        batch.map(async (p) => {
          try {
            p.resolve((await this.options.writeMany([p.item]))[0]!);
          } catch (own) {
            p.reject(own);
          }
        }),
      );
    }
  }
}
