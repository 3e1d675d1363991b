import type { Principal } from '../auth/principal';
import type { VendorLoader } from '../orchestration/vendor-loader';
import type { CaseLoaders } from './loaders';

/** Per-request GraphQL context. Loaders live here so their caches never outlive one request. */
export interface GatewayContext {
  requestId: string;
  /** The authenticated API key. Requests without one never reach a resolver. */
  principal: Principal;
  /** Whose cases new verifications belong to: the key's id. */
  owner: string;
  vendorLoader: VendorLoader;
  loaders: CaseLoaders;
}
