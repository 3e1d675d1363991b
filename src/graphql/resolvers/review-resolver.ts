import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Decision } from '../../decision/engine/decision';
import { NotFoundError } from '../../orchestration/domain-errors';
import { InputError } from '../../orchestration/input-error';
import { requireStorableText } from '../../orchestration/storable-text';
import type { Outcome } from '../../signals/model';
import { canSee } from '../auth-checker';
import type { GatewayContext } from '../context';
import { primedView, type IdentityView } from '../identity-view';
import { OutcomeEnum } from '../enums';
import type { GatewayServices } from '../services';
import { IdentityType } from '../types/identity';

const MAX_NOTE = 2_000;

/** Manual review: a person's decision is appended (never overwrites) and ends any pending poll. */
@Resolver()
export class ReviewResolver {
  constructor(private readonly services: GatewayServices) {}

  @Authorized('review:write')
  @Mutation(() => IdentityType, {
    description: 'Appends a decision made by a person (reason MANUAL_REVIEW with the note). Earlier decisions stay in Identity.decisions.',
  })
  async reviewIdentity(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => OutcomeEnum) outcome: Outcome,
    @Arg('note', () => String) note: string,
    @Ctx() context: GatewayContext,
  ): Promise<IdentityView> {
    if (outcome === 'PENDING') throw new InputError('outcome', 'a review decides: APPROVE, REVIEW or REJECT');
    const text = note.trim();
    if (text === '') throw new InputError('note', 'must not be empty');
    if (text.length > MAX_NOTE) throw new InputError('note', `must be at most ${MAX_NOTE} characters`);
    requireStorableText('note', text);
    const owner = await this.services.store.ownerOf(id);
    if (owner === null || !canSee(context, owner)) throw new NotFoundError('no identity with this id');

    const decidedBy = context.principal.name;
    const decision: Decision = {
      outcome,
      reasons: [{ code: 'MANUAL_REVIEW', message: text, rule: 'manual-review', outcome }],
      policyVersion: 'manual',
      decidedAt: new Date(),
      facts: null,
      decidedBy,
      note: text,
    };
    await this.services.store.append(id, { decision, nextPollAt: null });
    const record = await this.services.store.get(id);
    return primedView(record!, context);
  }
}
