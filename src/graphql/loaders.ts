import DataLoader from 'dataloader';
import type { Decision } from '../decision/decision';
import type { VendorResult } from '../signals/model';
import type { IdentityStore } from '../store/identity-store';

/** Per-request loaders for a case's nested data: a listed page costs one query per kind, not per case. */
export interface CaseLoaders {
  decisions: DataLoader<string, Decision[]>;
  vendorResults: DataLoader<string, VendorResult[]>;
}

export function createCaseLoaders(store: IdentityStore): CaseLoaders {
  return {
    decisions: new DataLoader(async (ids) => {
      const map = await store.decisionsFor(ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    vendorResults: new DataLoader(async (ids) => {
      const map = await store.vendorResultsFor(ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
  };
}
