import type { PolicyHolder } from '../decision/engine/policy-holder';
import type { PendingRefresher } from '../orchestration/pending-refresher';
import type { ImageUrlGuard } from '../orchestration/url-guard';
import type { Verifier } from '../orchestration/verifier';
import type { IdentityStore } from '../store/identity-store';
import type { PendingPolls } from '../store/pending-polls';
import type { PolicyArchive } from '../store/policy-archive';
import type { Vendor } from '../signals/model';
import type { VendorHealth } from '../vendors/resilience/vendor-guard';

/** What the resolvers use; main.ts builds it, tests may build their own. */
export interface GatewayServices {
  verifier: Verifier;
  store: IdentityStore;
  refresher: PendingRefresher;
  polls: PendingPolls;
  urlGuard: ImageUrlGuard;
  /** The running policy (live-reloaded) and every policy on record, for `policy`, explanations and dry runs. */
  policies: PolicyHolder;
  policyArchive: PolicyArchive;
  /** Each vendor's breaker, latency and error rate, for the `vendors` query. */
  vendorHealth: { health(): VendorHealth[] };
  /** Vendors answered by in-process simulators rather than the vendor (absent: none). */
  simulated?: readonly Vendor[];
}
