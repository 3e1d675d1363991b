import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../error-code';
import { gatewayError } from '../gateway-error';

/** How many fields deep an operation nests, following fragments (a cycle counts once). */
function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) max = Math.max(max, 1 + depthOf(selection.selectionSet, seen));
      else if (selection.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(selection.selectionSet, seen));
      else if (!seen.has(selection.name.value)) {
        max = Math.max(max, depthOf(fragments.get(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value])));
      }
    }
    return max;
  };
  return depthOf(operation.selectionSet, new Set());
}

/**
 * An operation asking only for the schema (`__schema`, `__type`): its depth is bounded by the schema
 * itself, and tools (GraphiQL, codegen) need it. Introspection is off in production anyway.
 */
function isIntrospectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/** Refuses operations nested deeper than `maxDepth` fields (introspection included), before execution. */
export function depthLimit(maxDepth: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation || isIntrospectionOnly(operation)) return;
          const depth = operationDepth(document, operation);
          if (depth > maxDepth) {
            throw gatewayError(ErrorCode.QUERY_TOO_DEEP, `The operation is nested ${depth} levels deep; the limit is ${maxDepth}`, {
              extensions: { depth, maxDepth },
              status: 400,
            });
          }
        },
      };
    },
  };
}
