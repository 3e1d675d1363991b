import type { Policy } from './policy';

/**
 * Holds the active policy. Readers take the whole Policy object once per evaluation, so a swap is
 * atomic: no evaluation ever sees half of one policy and half of another.
 */
export class PolicyHolder {
  private current: Policy;
  loadedAt: Date;
  lastError: string | null = null;

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
    this.lastError = null;
  }
}
