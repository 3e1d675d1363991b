import type { IncomingMessage } from 'node:http';
import { MAX_REQUEST_BYTES } from './read-body';

/** One request waiting for its bytes. */
interface Waiter {
  bytes: number;
  owner: string | undefined;
  grant: () => void;
}

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
 *
 * Each owner (an API key) holds at most `perOwnerBytes` at once, so one key trickling many large
 * bodies cannot take the whole budget from the others. An owner's request past its share waits, but
 * not in anyone's way: the queue passes over it while its owner is at its share, and grants the
 * requests of other owners behind it. An owner holding nothing may always take one reservation, even
 * one larger than its share (as a body larger than the whole budget runs alone). Arrival order holds
 * among the requests that may go: a large one first in line is not starved by smaller ones behind it.
 */
export class BodyBudget {
  private inUse = 0;
  private readonly byOwner = new Map<string, number>();
  private readonly waiting: Waiter[] = [];
  /** Bytes one owner may hold at once (the whole budget unless set). */
  readonly perOwnerBytes: number;

  constructor(
    readonly limitBytes: number,
    /** Bodies up to this size pass without a reservation. */
    readonly smallBytes = 64 * 1024,
    perOwnerBytes?: number,
  ) {
    this.perOwnerBytes = Math.min(perOwnerBytes ?? limitBytes, limitBytes);
  }

  /** Whether a body of `bytes` takes a reservation (and so may wait). */
  reserves(bytes: number): boolean {
    return bytes > this.smallBytes;
  }

  /**
   * Resolves with the release function once `bytes` fit, in the whole budget and in `owner`'s share;
   * rejects with the signal's reason if it aborts first. The release function gives the bytes back
   * once, however often it is called.
   */
  async acquire(bytes: number, signal?: AbortSignal, owner?: string): Promise<() => void> {
    if (!this.reserves(bytes)) return () => undefined;
    signal?.throwIfAborted();
    const wanted = Math.min(bytes, this.limitBytes);
    await this.wait({ bytes: wanted, owner, grant: () => undefined }, signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= wanted;
      if (owner !== undefined) {
        const left = this.byOwner.get(owner)! - wanted;
        if (left === 0) this.byOwner.delete(owner);
        else this.byOwner.set(owner, left);
      }
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

  /** Bytes `owner` holds now. */
  heldBy(owner: string): number {
    return this.byOwner.get(owner) ?? 0;
  }

  /** Queues `waiter` and grants what fits; granting counts its bytes in, aborting leaves the queue. */
  private wait(waiter: Waiter, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        // It may have been the first in line, holding back smaller requests that fit now.
        this.grantWaiting();
        reject(signal!.reason);
      };
      waiter.grant = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(waiter);
      this.grantWaiting();
    });
  }

  /** Whether `owner` has room in its share for `bytes` more now. */
  hasShareFor(owner: string, bytes: number): boolean {
    const held = this.byOwner.get(owner) ?? 0;
    return held === 0 || held + Math.min(bytes, this.limitBytes) <= this.perOwnerBytes;
  }

  /** Whether `owner`'s own share, smaller than the budget, is what keeps `bytes` more waiting. */
  heldBackByShare(owner: string, bytes: number): boolean {
    return this.perOwnerBytes < this.limitBytes && !this.hasShareFor(owner, bytes);
  }

  private withinShare(waiter: Waiter): boolean {
    return waiter.owner === undefined || this.hasShareFor(waiter.owner, waiter.bytes);
  }

  /**
   * Grants, in arrival order, the waiters whose owner has room in its share, until the first of them
   * that does not fit the budget: the others wait behind that one.
   */
  private grantWaiting(): void {
    for (let i = 0; i < this.waiting.length;) {
      const next = this.waiting[i]!;
      if (!this.withinShare(next)) {
        i++;
        continue;
      }
      if (this.inUse + next.bytes > this.limitBytes) return;
      this.waiting.splice(i, 1);
      this.inUse += next.bytes;
      if (next.owner !== undefined) this.byOwner.set(next.owner, (this.byOwner.get(next.owner) ?? 0) + next.bytes);
      next.grant();
    }
  }
}

/** The bytes a request's body will take: its content-length, or the largest body allowed. */
export function declaredBodyBytes(req: IncomingMessage): number {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared >= 0 ? Math.min(declared, MAX_REQUEST_BYTES) : MAX_REQUEST_BYTES;
}
