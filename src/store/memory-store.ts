import type { IdentityRecord } from './identity-record';
import type { IdentityStore } from './store';

/** Keeps cases in process memory: nothing survives a restart. */
export class MemoryIdentityStore implements IdentityStore {
  private readonly records = new Map<string, IdentityRecord>();

  async save(record: IdentityRecord): Promise<void> {
    this.records.set(record.id, structuredClone(record));
  }

  async get(id: string): Promise<IdentityRecord | null> {
    const record = this.records.get(id);
    return record ? structuredClone(record) : null;
  }

  async close(): Promise<void> {
    this.records.clear();
  }
}
