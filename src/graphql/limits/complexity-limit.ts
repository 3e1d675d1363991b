import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';

// The package's ESM build imports graphql's ESM files (graphql/index.mjs) while every other library
// here uses graphql's CommonJS build; two graphql realms cannot share a schema. Load its CJS build.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/**
 * Refuses an operation whose estimated cost exceeds `maxComplexity`, before execution: each field
 * costs 1 unless it declares its own complexity (verifyIdentity calls vendors; a listing multiplies
 * its children by the page size).
 */
export function complexityLimit(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not coerce: execution refuses the operation with BAD_USER_INPUT
            // before any resolver runs, so there is nothing to cost.
            return;
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
