import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RateLimiter } from '../../auth/rate-limiter';
import type { GatewayContext } from '../context';

/** Root mutations that call vendors, each billed by them: each counts against the key's rate limit. */
const VENDOR_CALLING = new Set(['verifyIdentity', 'refreshIdentity']);

/**
 * Every request takes one token of its key's rate limit when it arrives (Authenticator). One request
 * may hold many vendor-calling mutations under aliases (`a: verifyIdentity ... b: verifyIdentity`), so
 * an operation with N of them takes the N − 1 others here, once it is known to be valid and within
 * the cost limit, before any runs: the limit counts verifications, not HTTP requests. Fields are
 * counted through fragments and whatever their @skip/@include (counting one that is skipped errs on
 * the side of the limit); fields under one response key are merged by GraphQL and run once.
 */
export function verificationRateLimit(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const count = countRootFields(operation.selectionSet, fragmentsOf(document));
          if (count <= 1) return;
          const { principal } = contextValue;
          const burst = limiter.limitOf(principal.rateLimit).burst;
          if (count > burst) {
            // Never within the limit, however long the client waits: no Retry-After.
            throw new GraphQLError(
              `The operation holds ${count} verifications (verifyIdentity, refreshIdentity); this API key allows at most ${burst} at once: send them in separate requests`,
              { extensions: { code: 'RATE_LIMITED', verifications: count, burst, http: { status: 429 } } },
            );
          }
          const retryAfter = limiter.take(principal.keyId, principal.rateLimit, count - 1);
          if (retryAfter > 0) {
            throw new GraphQLError(`Rate limit exceeded for this API key: the operation holds ${count} verifications`, {
              extensions: { code: 'RATE_LIMITED', retryAfter, verifications: count, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
            });
          }
        },
      };
    },
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/** The response keys (alias, else name) of the vendor-calling root fields: fields sharing one key run once. */
function countRootFields(operation: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const keys = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (VENDOR_CALLING.has(selection.name.value)) keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation);
  return keys.size;
}
