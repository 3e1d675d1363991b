/**
 * What a key may do. `*` grants every scope. A key reads only the cases it created unless it holds
 * `identity:read:all` (reviewers, back offices); `pii:read` unmasks personal data;
 * `federation:compose` reads the subgraph SDL (`_service`) where introspection is off.
 */
export const SCOPES = ['identity:verify', 'identity:read', 'identity:read:all', 'pii:read', 'review:write', 'policy:admin', 'federation:compose'] as const;
export type Scope = (typeof SCOPES)[number];

export const ALL_SCOPES = '*';

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function hasScope(granted: readonly string[], needed: Scope): boolean {
  return granted.includes(ALL_SCOPES) || granted.includes(needed);
}
