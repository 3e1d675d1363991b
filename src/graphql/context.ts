import type { Principal } from '../auth/principal';
import type { VerificationSession } from '../orchestration/verification-session';
import type { CaseLoaders } from './loaders';

/** Per-request GraphQL context. Its loaders and session never outlive one request. */
export interface GatewayContext {
  requestId: string;
  /** The authenticated API key. Requests without one never reach a resolver. */
  principal: Principal;
  /** The request's verifications: whose cases they create (the key's id) and the vendor calls they share. */
  verification: VerificationSession;
  loaders: CaseLoaders;
}
