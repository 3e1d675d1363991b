import type { IdentityRecord } from './identity-record';

/** The persistence port. */
export interface IdentityStore {
  save(record: IdentityRecord): Promise<void>;
  get(id: string): Promise<IdentityRecord | null>;
  close(): Promise<void>;
}
