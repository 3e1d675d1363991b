import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { hasScope } from '../auth/scopes';
import { scopeChecker } from './auth-checker';
import type { GatewayContext } from './context';
import { guardEntities } from './entity-guard';
import { ErrorCode } from './error-code';
import { gatewayError } from './gateway-error';
import { guardService } from './service-guard';
import { DecisionExplanationResolver } from './resolvers/decision-explanation-resolver';
import { IdentityResolver } from './resolvers/identity-resolver';
import { DocumentPiiResolver, OcrFieldPiiResolver } from './resolvers/pii-resolvers';
import { PolicyResolver } from './resolvers/policy-resolver';
import { ReviewResolver } from './resolvers/review-resolver';
import { VendorHealthResolver } from './resolvers/vendor-health-resolver';
import { VerificationResolver } from './resolvers/verification-resolver';
import { DateTimeScalar } from './scalars';
import type { GatewayServices } from './services';

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const RESOLVERS = [
  IdentityResolver,
  VerificationResolver,
  ReviewResolver,
  OcrFieldPiiResolver,
  DocumentPiiResolver,
  PolicyResolver,
  DecisionExplanationResolver,
  VendorHealthResolver,
] as const;

/**
 * The gateway's schema: the type-graphql classes built as an Apollo Federation v2 subgraph, so
 * `Identity` is an entity (@key id) with a reference resolver and `_service { sdl }` answers.
 */
export interface GatewaySchemaOptions {
  /** Introspection is off (production): `_service { sdl }` then needs the `federation:compose` scope. */
  sdlNeedsScope?: boolean;
}

export async function buildGatewaySchema(services: GatewayServices, options: GatewaySchemaOptions = {}): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>(RESOLVERS.map((R) => [R, new R(services)]));
  const base = await buildSchema({
    resolvers: RESOLVERS,
    container: { get: (cls) => instances.get(cls) },
    authChecker: scopeChecker,
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
    // Entities are read outside the type-graphql pipeline, so the scope check of `identity` is repeated here.
    __resolveReference: (reference: { id?: unknown }, context: unknown) => {
      const ctx = context as GatewayContext;
      if (!hasScope(ctx.principal.scopes, 'identity:read')) {
        throw gatewayError(ErrorCode.FORBIDDEN, 'This API key lacks the scope identity:read', { status: 403 });
      }
      // A representation is client data: an id that is not a string names no case.
      return typeof reference.id === 'string' ? identities.visibleCase(reference.id, ctx) : null;
    },
  };
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers });
  copyFieldExtensions(base, subgraph);
  priceEntities(subgraph);
  guardEntities(subgraph);
  if (options.sdlNeedsScope) guardService(subgraph);
  return subgraph;
}

/**
 * `_entities` reads one case per representation: each is priced like an `identity` read (1 plus its
 * selection), so even `{ __typename }` over many representations counts them all.
 */
function priceEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field) return;
  const complexity = ({ args, childComplexity }: { args: { representations?: unknown }; childComplexity: number }) =>
    1 + (1 + childComplexity) * (Array.isArray(args.representations) ? Math.max(1, args.representations.length) : 1);
  (field as { extensions: Record<string, unknown> }).extensions = { ...field.extensions, complexity };
}

/**
 * Rebuilding the schema from SDL for federation drops type-graphql's field extensions (`complexity`);
 * copy them over so the query cost limit still sees them.
 */
function copyFieldExtensions(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!isObjectType(type) || !isObjectType(target)) continue;
    const targetFields = target.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      const targetField = targetFields[name];
      if (targetField && field.extensions.complexity !== undefined) {
        (targetField as { extensions: Record<string, unknown> }).extensions = { ...targetField.extensions, complexity: field.extensions.complexity };
      }
    }
  }
}
