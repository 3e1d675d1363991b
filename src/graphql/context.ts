import type { VendorLoader } from '../orchestration/vendor-loader';

/** Per-request GraphQL context. Loaders live here so their caches never outlive one request. */
export interface GatewayContext {
  requestId: string;
  vendorLoader: VendorLoader;
}
