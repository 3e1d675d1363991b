import { isUnionType, type GraphQLSchema } from 'graphql';
import { InputError } from '../orchestration/input-error';

/**
 * The most representations one `_entities` request may carry. A router sends one representation per
 * entity of a fetch (a page of another subgraph's list); more than this is not a page but a flood,
 * and is refused before any is read.
 */
export const MAX_ENTITY_REPRESENTATIONS = 1_000;

/**
 * `_entities` as @apollo/subgraph builds it throws a plain Error for a representation whose
 * `__typename` names no type of the schema, and fails at run time on one naming a type that is not an
 * entity: both reached clients as INTERNAL_SERVER_ERROR though the request is at fault. This checks
 * every representation first and refuses the request as BAD_USER_INPUT naming the type and the entity
 * types this subgraph resolves. More than MAX_ENTITY_REPRESENTATIONS is BAD_USER_INPUT on `representations`.
 */
export function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(union)) return;
  const entities = union.getTypes().map((type) => type.name);
  const resolve = field.resolve;
  field.resolve = (source, args, context, info) => {
    const representations = args.representations as unknown[];
    if (representations.length > MAX_ENTITY_REPRESENTATIONS) {
      throw new InputError('representations', `at most ${MAX_ENTITY_REPRESENTATIONS} per request; send more in separate requests`);
    }
    representations.forEach((representation, i) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename === 'string' && entities.includes(typename)) return;
      // Named only when it is a GraphQL name: a representation is client data and is not echoed.
      const named = typeof typename === 'string' && /^[_A-Za-z]\w{0,127}$/.test(typename) ? `"${typename}" is not` : 'must name';
      throw new InputError(`representations[${i}].__typename`, `${named} an entity type of this subgraph, which resolves ${entities.join(', ')}`);
    });
    return resolve(source, args, context, info);
  };
}
