import type { AuthChecker } from 'type-graphql';
import { hasScope, type Scope } from '../auth/scopes';
import type { GatewayContext } from './context';
import { ErrorCode } from './error-code';
import { gatewayError } from './gateway-error';

/**
 * `@Authorized('<scope>')` on an operation: the caller's key must hold every scope named. The caller
 * is already authenticated (the context refuses requests without a valid key), so a refusal is FORBIDDEN.
 */
export const scopeChecker: AuthChecker<GatewayContext, Scope> = ({ context }, scopes) => {
  const missing = scopes.filter((scope) => !hasScope(context.principal.scopes, scope));
  if (missing.length > 0) {
    throw gatewayError(ErrorCode.FORBIDDEN, `This API key lacks the scope ${missing.join(', ')}`, { status: 403 });
  }
  return true;
};

/** Whether the caller may see a case created by `owner`. */
export function canSee(context: GatewayContext, owner: string): boolean {
  return owner === context.principal.keyId || hasScope(context.principal.scopes, 'identity:read:all');
}

/** The owner filter for listings: the caller's own cases unless it may read all. */
export function ownerFilter(context: GatewayContext): string | null {
  return hasScope(context.principal.scopes, 'identity:read:all') ? null : context.principal.keyId;
}
