import { Field, InputType } from 'type-graphql';
import { DocumentTypeEnum, OutcomeEnum } from '../enums';
import type { DocumentType, Outcome } from '../../signals/model';

@InputType('IdentityFilter', { description: 'Every given condition must hold.' })
export class IdentityFilterInput {
  @Field(() => OutcomeEnum, { nullable: true, description: 'The outcome of the latest decision (a review queue: REVIEW).' })
  outcome?: Outcome | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => DocumentTypeEnum, { nullable: true })
  documentType?: DocumentType | null;

  @Field(() => String, { nullable: true })
  caseNo?: string | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after.' })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before.' })
  createdBefore?: Date | null;
}
