import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// The package's ESM build imports graphql's ESM files (graphql/index.mjs) while every other library
// here uses graphql's CommonJS build; two graphql realms cannot share a schema. Load its CJS build.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/**
 * Refuses an operation whose estimated cost exceeds `maxComplexity`, before execution: each field
 * costs 1 unless it declares its own complexity (verifyIdentity calls vendors; a listing multiplies
 * its children by the page size).
 *
 * The cost of most operations does not depend on their variables (verifyIdentity's input, say): it is
 * computed once per parsed document (Apollo reuses a parsed document for the same query text) and kept
 * with it. An operation whose cost reads arguments (a field priced by a function, like a listing's
 * page size) or whose fields are kept or dropped by a variable (@include, @skip) is costed every time.
 */
export function complexityLimit(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const operation = request.operationName ?? '';
          let complexity = costs.get(document)?.get(operation);
          if (complexity === undefined) {
            let readsArguments = false;
            const notesPricedByArguments: ComplexityEstimator = ({ field }) => {
              if (typeof field.extensions?.complexity === 'function') readsArguments = true;
              return undefined; // the next estimators price the field
            };
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables,
                estimators: [notesPricedByArguments, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // Variables that do not coerce: execution refuses the operation with BAD_USER_INPUT
              // before any resolver runs, so there is nothing to cost.
              return;
            }
            if (!readsArguments && !hasVariableDirectives(document)) {
              const byOperation = costs.get(document) ?? new Map<string, number>();
              byOperation.set(operation, complexity);
              costs.set(document, byOperation);
            }
          }
          if (complexity > maxComplexity) {
            throw new GraphQLError(`The operation costs ${complexity}; the limit is ${maxComplexity}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity, http: { status: 400 } },
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
