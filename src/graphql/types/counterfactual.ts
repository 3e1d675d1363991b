import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { Outcome } from '../../signals/model';
import { OutcomeEnum } from '../enums';

@ObjectType('Counterfactual', {
  description: 'A change of one fact value, all else equal, that would have given a better outcome: "face.similarity 64 → 70 would APPROVE".',
})
export class CounterfactualType {
  @Field(() => String)
  fact!: string;

  @Field(() => String, { nullable: true })
  path!: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  from!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  to!: unknown;

  @Field(() => OutcomeEnum, { description: 'The outcome the policy would have given with that change.' })
  outcome!: Outcome;
}
