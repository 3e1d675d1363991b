import type { IncomingMessage } from 'node:http';
import { MAX_REQUEST_BYTES } from './read-body';

/**
 * A budget of request-body bytes the gateway holds at once. A GraphQL POST reserves its declared
 * content-length (the largest allowed body when none is declared) before its body is read, and gives
 * it back once answered: a verification's base64 images stay in memory until its vendors have
 * answered, so without a budget 50 clients sending 4 MiB images at once would all be buffered,
 * parsed and held together. Past the budget a request waits its turn, in arrival order, and its
 * socket is not read meanwhile (TCP pushes back on the client). A request larger than the whole
 * budget runs alone. Small bodies (queries, verifications by image URL) never wait. A wait ends
 * early when its `signal` aborts (the client went away, or it waited too long): it leaves the queue,
 * so a request that is gone can never be granted bytes that nobody would give back.
 */
export class BodyBudget {
  private inUse = 0;
  private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

  constructor(
    readonly limitBytes: number,
    /** Bodies up to this size pass without a reservation. */
    readonly smallBytes = 64 * 1024,
  ) {}

  /** Whether a body of `bytes` takes a reservation (and so may wait). */
  reserves(bytes: number): boolean {
    return bytes > this.smallBytes;
  }

  /**
   * Resolves with the release function once `bytes` fit; rejects with the signal's reason if it aborts
   * first. The release function gives the bytes back once, however often it is called.
   */
  async acquire(bytes: number, signal?: AbortSignal): Promise<() => void> {
    if (!this.reserves(bytes)) return () => undefined;
    signal?.throwIfAborted();
    const wanted = Math.min(bytes, this.limitBytes);
    if (this.waiting.length === 0 && this.inUse + wanted <= this.limitBytes) {
      this.inUse += wanted;
    } else {
      await this.wait(wanted, signal);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= wanted;
      this.grantWaiting();
    };
  }

  /** Bytes reserved now, and requests waiting (tests, metrics). */
  get reserved(): number {
    return this.inUse;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Queues a wait for `bytes`; granting counts them in (grantWaiting), aborting leaves the queue. */
  private wait(bytes: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = {
        bytes,
        grant: () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        },
      };
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        // It may have been the head of the queue, holding back smaller requests that fit now.
        this.grantWaiting();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(entry);
    });
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.inUse + this.waiting[0]!.bytes <= this.limitBytes) {
      const next = this.waiting.shift()!;
      this.inUse += next.bytes;
      next.grant();
    }
  }
}

/** The bytes a request's body will take: its content-length, or the largest body allowed. */
export function declaredBodyBytes(req: IncomingMessage): number {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared >= 0 ? Math.min(declared, MAX_REQUEST_BYTES) : MAX_REQUEST_BYTES;
}
