import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import type { GatewayContext } from './context';
import { IdentityResolver } from './resolvers/identity-resolver';
import { ReviewResolver } from './resolvers/review-resolver';
import { VerificationResolver } from './resolvers/verification-resolver';
import { DateTimeScalar } from './scalars';
import type { GatewayServices } from './services';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const RESOLVERS = [IdentityResolver, VerificationResolver, ReviewResolver] as const;

/**
 * The gateway's schema: the type-graphql classes built as an Apollo Federation v2 subgraph, so
 * `Identity` is an entity (@key id) with a reference resolver and `_service { sdl }` answers.
 */
export async function buildGatewaySchema(services: GatewayServices): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>(RESOLVERS.map((R) => [R, new R(services)]));
  const base = await buildSchema({
    resolvers: RESOLVERS,
    container: { get: (cls) => instances.get(cls) },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // @key is only defined once the subgraph schema is built below.
    skipCheck: true,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(base)}`);
  const resolvers = createResolversMap(base) as GraphQLResolverMap<unknown>;
  const identities = instances.get(IdentityResolver) as IdentityResolver;
  resolvers.Identity = {
    ...(resolvers.Identity as object),
    __resolveReference: (reference: { id: string }, context: unknown) => identities.identity(reference.id, context as GatewayContext),
  };
  return buildSubgraphSchema({ typeDefs, resolvers });
}
