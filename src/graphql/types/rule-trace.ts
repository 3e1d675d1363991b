import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { Outcome } from '../../signals/model';
import { OutcomeEnum } from '../enums';

@ObjectType('ConditionTrace', { description: 'One condition of a rule, with the value the fact had when the case was decided.' })
class ConditionTraceType {
  @Field(() => String)
  fact!: string;

  @Field(() => String, { nullable: true, description: 'The JSON path inside the fact, as the rule writes it (e.g. `$.similarity`).' })
  path!: string | null;

  @Field(() => String)
  operator!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value the rule compares with.' })
  expected!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value of the fact (null: no vendor gave it).' })
  actual!: unknown;

  @Field(() => Boolean, { description: 'Whether this condition held. Under a `not`, a condition that holds counts against the rule.' })
  passed!: boolean;
}

@ObjectType('RuleTrace', {
  description:
    'One rule of the policy that decided, evaluated on the facts as stored. Conditions of nested all/any/not groups ' +
    'are listed flat, in the order written; every condition is evaluated, so all that failed are shown. The gateway ' +
    'guards follow the rules as `gateway:vendor-pending` and `gateway:vendor-unavailable`.',
})
export class RuleTraceType {
  @Field(() => String)
  rule!: string;

  @Field(() => Boolean)
  fired!: boolean;

  @Field(() => OutcomeEnum, { nullable: true, description: "The rule's outcome when it fired; null when it did not." })
  outcome!: Outcome | null;

  @Field(() => [ConditionTraceType])
  conditions!: ConditionTraceType[];
}
