import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Decision } from '../../decision/engine/decision';
import { InputError } from '../../orchestration/input-error';
import { requireStorableText } from '../../orchestration/storable-text';
import { latestDecision } from '../../store/identity-record';
import type { VendorResult } from '../../signals/model';
import { canSee, ownerFilter } from '../auth-checker';
import type { GatewayContext } from '../context';
import { caseView, toIdentityView, type IdentityView } from '../identity-view';
import { IdentityFilterInput } from '../inputs/identity-filter-input';
import type { GatewayServices } from '../services';
import { DecisionType } from '../types/decision';
import { IdentityType } from '../types/identity';
import { IdentityConnectionType } from '../types/identity-connection';
import { VendorResultType } from '../types/vendor-result';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** Reads cases. Nested decisions and vendor results go through the per-request loaders. */
@Resolver(() => IdentityType)
export class IdentityResolver {
  constructor(private readonly services: GatewayServices) {}

  @Authorized('identity:read')
  @Query(() => IdentityType, { nullable: true, description: 'A case by its id; null when there is none or it belongs to another caller.' })
  identity(@Arg('id', () => ID) id: string, @Ctx() context: GatewayContext): Promise<IdentityView | null> {
    return this.visibleCase(id, context);
  }

  /**
   * A case the caller may see, or null. Read through the request's loader, so every case one request
   * names (aliased `identity` fields, `_entities` representations) costs one query together.
   */
  async visibleCase(id: string, context: GatewayContext): Promise<IdentityView | null> {
    const found = await context.loaders.cases.load(id);
    return found && canSee(context, found.owner) ? caseView(found, context) : null;
  }

  @Authorized('identity:read')
  @Query(() => IdentityConnectionType, {
    complexity: ({ args, childComplexity }) => 1 + childComplexity * Math.min(Math.max(Number(args.first ?? DEFAULT_PAGE_SIZE), 0), MAX_PAGE_SIZE),
    description: `Cases, newest first. \`first\` defaults to ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.`,
  })
  async identities(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => IdentityFilterInput, { nullable: true }) filter: IdentityFilterInput | null,
    @Ctx() context: GatewayContext,
  ): Promise<IdentityConnectionType> {
    if (first !== null && first < 1) throw new InputError('first', 'must be at least 1');
    if (filter?.caseNo != null) requireStorableText('filter.caseNo', filter.caseNo);
    if (filter?.country != null) requireStorableText('filter.country', filter.country);
    const size = Math.min(first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const where = { ...filter, owner: ownerFilter(context) };
    const [page, totalCount] = await Promise.all([this.services.store.list(where, size, after ?? null, context.principal.keyId), this.services.store.count(where)]);
    return {
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: toIdentityView(e.node) as IdentityType })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: false,
        startCursor: page.edges[0]?.cursor ?? null,
        endCursor: page.endCursor,
      },
      totalCount,
    };
  }

  @FieldResolver(() => DecisionType, { description: 'The latest decision.' })
  async decision(@Root() identity: IdentityView, @Ctx() context: GatewayContext): Promise<Decision> {
    return latestDecision({ decisions: await context.loaders.decisions.load(identity.id) });
  }

  @FieldResolver(() => [DecisionType], { description: 'Every decision on this case, oldest first (append-only).' })
  decisions(@Root() identity: IdentityView, @Ctx() context: GatewayContext): Promise<Decision[]> {
    return context.loaders.decisions.load(identity.id);
  }

  @FieldResolver(() => [VendorResultType], { description: 'What each routed vendor answered (its latest call).' })
  vendorResults(@Root() identity: IdentityView, @Ctx() context: GatewayContext): Promise<VendorResult[]> {
    return context.loaders.vendorResults.load(identity.id);
  }
}
