import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { NotFoundError } from '../../orchestration/domain-errors';
import { checkVerificationInput } from '../../orchestration/verification-input';
import { canSee } from '../auth-checker';
import type { GatewayContext } from '../context';
import { primedView, type IdentityView } from '../identity-view';
import { VerifyIdentityInput } from '../inputs/verify-identity-input';
import type { GatewayServices } from '../services';
import { IdentityType } from '../types/identity';

/** Thin: checks input, hands over to orchestration, maps the stored case to its GraphQL view. */
@Resolver()
export class VerificationResolver {
  constructor(private readonly services: GatewayServices) {}

  @Authorized('identity:verify')
  @Mutation(() => IdentityType, {
    complexity: 50,
    description:
      'Calls every vendor that routing picks, all at once, merges the signals and decides. The caseNo is the ' +
      'idempotency key: the same caseNo with the same input returns the stored case without calling any vendor; with ' +
      'a different input it is a CONFLICT error.',
  })
  async verifyIdentity(@Arg('input', () => VerifyIdentityInput) input: VerifyIdentityInput, @Ctx() context: GatewayContext): Promise<IdentityView> {
    const checked = checkVerificationInput(input);
    await this.services.urlGuard.check(checked.request);
    const record = await this.services.verifier.verify(checked, context.verification);
    return primedView(record, context);
  }

  @Authorized('identity:verify')
  @Mutation(() => IdentityType, {
    complexity: 20,
    description: 'Asks the vendors that are still PENDING again, now. When an answer arrived, the policy decides again and a decision is appended.',
  })
  async refreshIdentity(@Arg('id', () => ID) id: string, @Ctx() context: GatewayContext): Promise<IdentityView> {
    const owner = await this.services.store.ownerOf(id);
    if (owner === null || !canSee(context, owner)) throw new NotFoundError('no identity with this id');
    const record = await this.services.refresher.refreshNow(id);
    if (!record) throw new NotFoundError('no identity with this id');
    return primedView(record, context);
  }
}
