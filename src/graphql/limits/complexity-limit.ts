import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, Kind, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../error-code';
import { gatewayError } from '../gateway-error';

// The package's ESM build imports graphql's ESM files (graphql/index.mjs) while every other library
// here uses graphql's CommonJS build; two graphql realms cannot share a schema. Load its CJS build.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

/**
 * Refuses an operation whose estimated cost exceeds `maxComplexity`, before execution: each field
 * costs 1 unless it declares its own complexity (verifyIdentity calls vendors; a listing multiplies
 * its children by the page size). An operation too large to be costed at all (over 10,000 fields)
 * is refused the same way.
 *
 * The cost of most operations does not depend on their variables (verifyIdentity's input, say): it is
 * computed once per operation of a parsed document (Apollo reuses a parsed document for the same
 * query text) and kept with that operation's node. An operation whose cost reads arguments (a field
 * priced by a function, like a listing's page size) or whose fields are kept or dropped by a
 * variable (@include, @skip) is costed every time.
 */
export function complexityLimit(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  const costs = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation by that name: execution answers the error, and nothing runs.
          if (!operation) return;
          let complexity = costs.get(operation);
          if (complexity === undefined) {
            // Variables that do not coerce: execution refuses the operation with BAD_USER_INPUT
            // before any resolver runs, so there is nothing to cost.
            if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
            let readsArguments = false;
            const notesPricedByArguments: ComplexityEstimator = ({ field }) => {
              if (typeof field.extensions?.complexity === 'function') readsArguments = true;
              return undefined; // the next estimators price the field
            };
            try {
              complexity = getComplexity({
                schema,
                query: document,
                // A valid document's anonymous operation is its only one.
                operationName: operation.name?.value,
                variables: request.variables,
                estimators: [notesPricedByArguments, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              throw gatewayError(ErrorCode.QUERY_TOO_COMPLEX, `The operation is too large to cost; the limit is ${maxComplexity}`, {
                extensions: { maxComplexity },
                status: 400,
              });
            }
            if (!readsArguments && !hasVariableDirectives(document)) costs.set(operation, complexity);
          }
          if (complexity > maxComplexity) {
            throw gatewayError(ErrorCode.QUERY_TOO_COMPLEX, `The operation costs ${complexity}; the limit is ${maxComplexity}`, {
              extensions: { complexity, maxComplexity },
              status: 400,
            });
          }
        },
      };
    },
  };
}

/** Whether a variable decides, through @include or @skip, which fields run. */
function hasVariableDirectives(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if ((node.name.value === 'include' || node.name.value === 'skip') && node.arguments?.some((a) => a.value.kind === Kind.VARIABLE)) found = true;
    },
  });
  return found;
}
