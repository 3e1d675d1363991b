import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { getVariableValues, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { rateLimited } from '../../auth/rate-limited';
import type { RateLimiter } from '../../auth/rate-limiter';
import type { GatewayContext } from '../context';

/** Root mutations that call vendors, each billed by them: each counts against the key's rate limit. */
const VENDOR_CALLING = new Set(['verifyIdentity', 'refreshIdentity']);

/**
 * Every request takes one token of its key's rate limit when it arrives (Authenticator). One request
 * may hold many vendor-calling mutations under aliases (`a: verifyIdentity ... b: verifyIdentity`), so
 * an operation with N of them takes the N − 1 others here: the limit counts verifications, not HTTP
 * requests. This runs once every check of the operation has passed (Apollo runs the checks' hooks
 * side by side, so taking tokens beside them would charge operations they refuse) and before any
 * resolver, and not for variables that do not coerce (execution refuses those with nothing run).
 * Fields are counted through fragments and whatever their @skip/@include (counting one that is
 * skipped errs on the side of the limit); fields under one response key are merged and run once.
 */
export function verificationRateLimit(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, contextValue, request, schema }) {
          if (operation?.operation !== 'mutation') return null;
          const count = countRootFields(operation.selectionSet, fragmentsOf(document));
          if (count <= 1) return null;
          if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return null;
          const { keyId, rateLimit } = contextValue.principal;
          const burst = limiter.limitOf(rateLimit).burst;
          if (count > burst) {
            return refusal(
              rateLimited(
                `The operation holds ${count} verifications (verifyIdentity, refreshIdentity); this API key allows at most ${burst} at once: send them in separate requests`,
                null,
                { verifications: count, burst },
              ),
            );
          }
          if (limiter.take(keyId, rateLimit, count - 1) === 0) return null;
          // Give the request's own token back and say how long until all `count` are there, so a
          // retry after Retry-After passes instead of falling one token short again.
          limiter.refund(keyId, rateLimit, 1);
          const retryAfter = limiter.take(keyId, rateLimit, count);
          if (retryAfter === 0) return null; // refilled in between: taken
          return refusal(rateLimited(`Rate limit exceeded for this API key: the operation holds ${count} verifications`, retryAfter, { verifications: count }));
        },
      };
    },
  };
}

/** A refusal answered instead of executing the operation (responseForOperation cannot throw). */
function refusal(error: GraphQLError): GraphQLResponse {
  const { http, ...extensions } = error.extensions as { http: { status: number; headers?: Map<string, string> } };
  return {
    http: { status: http.status, headers: new HeaderMap([...(http.headers ?? [])]) },
    body: { kind: 'single', singleResult: { errors: [{ message: error.message, extensions }] } },
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
