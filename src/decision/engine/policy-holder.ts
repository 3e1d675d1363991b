import type { Policy } from './policy';

/**
 * Holds the active policy. Readers take the whole Policy object once per evaluation, so a swap is
 * atomic: no evaluation ever sees half of one policy and half of another, and one that started
 * before a swap finishes with the policy it started with.
 */
export class PolicyHolder {
  private current: Policy;
  loadedAt: Date;
  /** Why the last reload was refused (the running policy stayed); null once a reload succeeds. */
  lastError: string | null = null;
  lastErrorAt: Date | null = null;

  constructor(policy: Policy) {
    this.current = policy;
    this.loadedAt = new Date();
  }

  get policy(): Policy {
    return this.current;
  }

  swap(policy: Policy): void {
    this.current = policy;
    this.loadedAt = new Date();
    this.clearError();
  }

  /** A reload was refused: the running policy stays, the reason is kept for `policy { lastError }`. */
  refuse(reason: string): void {
    this.lastError = reason;
    this.lastErrorAt = new Date();
  }

  clearError(): void {
    this.lastError = null;
    this.lastErrorAt = null;
  }
}
