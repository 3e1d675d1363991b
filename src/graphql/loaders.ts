import DataLoader from 'dataloader';
import type { Decision } from '../decision/engine/decision';
import type { VendorResult } from '../signals/model';
import type { IdentityCase } from '../store/identity-record';
import type { IdentityStore } from '../store/identity-store';

/**
 * Per-request loaders: the cases a request names (federation `_entities` representations) and their
 * nested data are read in one query per kind, however many there are, not one per case.
 */
export interface CaseLoaders {
  /** A case by id, whoever owns it (the caller checks who may see it); null when there is none. */
  cases: DataLoader<string, IdentityCase | null>;
  decisions: DataLoader<string, Decision[]>;
  vendorResults: DataLoader<string, VendorResult[]>;
}

export function createCaseLoaders(store: IdentityStore): CaseLoaders {
  return {
    cases: new DataLoader(async (ids) => {
      const map = await store.casesFor(ids);
      // The store keys cases by their id as PostgreSQL prints a uuid: lower case.
      return ids.map((id) => map.get(id.toLowerCase()) ?? null);
    }),
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
