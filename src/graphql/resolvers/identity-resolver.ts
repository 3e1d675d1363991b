import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { checkVerificationInput } from '../../orchestration/verification-input';
import type { Verifier } from '../../orchestration/verifier';
import type { IdentityStore } from '../../store/store';
import type { GatewayContext } from '../context';
import { toIdentityView } from '../identity-view';
import { VerifyIdentityInput } from '../inputs/verify-identity-input';
import { IdentityType } from '../types/identity';

/** Thin: checks input, hands over to orchestration, maps the stored case to its GraphQL view. */
@Resolver(() => IdentityType)
export class IdentityResolver {
  constructor(
    private readonly verifier: Verifier,
    private readonly store: IdentityStore,
  ) {}

  @Query(() => IdentityType, { nullable: true, description: 'A case by its id; null when there is none.' })
  async identity(@Arg('id', () => ID) id: string): Promise<IdentityType | null> {
    const record = await this.store.get(id);
    return record ? toIdentityView(record) : null;
  }

  @Mutation(() => IdentityType, { description: 'Calls every vendor that routing picks, all at once, merges the signals and decides.' })
  async verifyIdentity(
    @Arg('input', () => VerifyIdentityInput) input: VerifyIdentityInput,
    @Ctx() context: GatewayContext,
  ): Promise<IdentityType> {
    const checked = checkVerificationInput(input);
    const record = await this.verifier.verify(checked, context.vendorLoader);
    return toIdentityView(record);
  }
}
