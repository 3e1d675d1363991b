import { Field, ObjectType } from 'type-graphql';
import { OutcomeEnum } from '../enums';
import type { Outcome } from '../../signals/model';

@ObjectType('DecisionReason')
class DecisionReasonType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { description: 'The name of the rule that fired.' })
  rule!: string;

  @Field(() => OutcomeEnum)
  outcome!: Outcome;
}

@ObjectType('Decision')
export class DecisionType {
  @Field(() => OutcomeEnum)
  outcome!: Outcome;

  @Field(() => [DecisionReasonType])
  reasons!: DecisionReasonType[];

  @Field(() => String, { description: 'A stable hash of the policy that decided; changes whenever a rule changes. `manual` for a review by a person.' })
  policyVersion!: string;

  @Field(() => Date)
  decidedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who decided, for a manual review when the caller is known.' })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true, description: "The reviewer's note, for a manual review." })
  note!: string | null;
}
