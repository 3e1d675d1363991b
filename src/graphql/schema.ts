import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { Verifier } from '../orchestration/verifier';
import type { IdentityStore } from '../store/store';
import { IdentityResolver } from './resolvers/identity-resolver';
import { DateTimeScalar } from './scalars';

export interface SchemaDeps {
  verifier: Verifier;
  store: IdentityStore;
}

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/** The type-graphql schema on its own, from which the subgraph is built. */
async function buildBaseSchema(identityResolver: IdentityResolver): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [IdentityResolver],
    container: { get: (cls) => (cls === IdentityResolver ? identityResolver : undefined) },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // @key is only defined once the subgraph schema is built below.
    skipCheck: true,
  });
}

/**
 * The gateway's schema: the type-graphql classes built as an Apollo Federation v2 subgraph, so
 * `Identity` is an entity (@key id) with a reference resolver and `_service { sdl }` answers.
 */
export async function buildGatewaySchema(deps: SchemaDeps): Promise<GraphQLSchema> {
  const identityResolver = new IdentityResolver(deps.verifier, deps.store);
  const base = await buildBaseSchema(identityResolver);
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(base)}`);
  const resolvers = createResolversMap(base) as GraphQLResolverMap<unknown>;
  resolvers.Identity = {
    ...(resolvers.Identity as object),
    __resolveReference: (reference: { id: string }) => identityResolver.identity(reference.id),
  };
  return buildSubgraphSchema({ typeDefs, resolvers });
}
