import type { PendingRefresher } from '../orchestration/pending-refresher';
import type { ImageUrlGuard } from '../orchestration/url-guard';
import type { Verifier } from '../orchestration/verifier';
import type { IdentityStore } from '../store/identity-store';
import type { PendingPolls } from '../store/pending-polls';

/** What the resolvers use; main.ts builds it, tests may build their own. */
export interface GatewayServices {
  verifier: Verifier;
  store: IdentityStore;
  refresher: PendingRefresher;
  polls: PendingPolls;
  urlGuard: ImageUrlGuard;
}
