import type { VendorLoader } from '../orchestration/vendor-loader';
import type { CaseLoaders } from './loaders';

/** Per-request GraphQL context. Loaders live here so their caches never outlive one request. */
export interface GatewayContext {
  requestId: string;
  /** Whose cases these are: the caller's key id once keys exist; `anonymous` before. */
  owner: string;
  vendorLoader: VendorLoader;
  loaders: CaseLoaders;
}
