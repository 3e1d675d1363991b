import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DocumentTypeEnum } from '../enums';
import type { DocumentType } from '../../signals/model';
import { CheckVerdictType } from './check-verdict';
import { DecisionType } from './decision';
import { DocumentDataType } from './document-data';
import { FaceCheckType } from './face-check';
import { ForgerySignalType } from './forgery-signal';
import { LandmarkScoreType } from './landmark-score';
import { QualitySignalType } from './quality-signal';
import { VendorResultType } from './vendor-result';

@Directive('@key(fields: "id")')
@ObjectType('Identity', { description: 'One verification case: every vendor signal merged, and its decision.' })
export class IdentityType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  caseNo!: string;

  @Field(() => String)
  country!: string;

  @Field(() => DocumentTypeEnum)
  documentType!: DocumentType;

  @Field(() => DocumentDataType)
  document!: DocumentDataType;

  @Field(() => FaceCheckType, { nullable: true })
  face!: FaceCheckType | null;

  @Field(() => [LandmarkScoreType])
  landmarks!: LandmarkScoreType[];

  @Field(() => [ForgerySignalType])
  forgery!: ForgerySignalType[];

  @Field(() => [QualitySignalType])
  quality!: QualitySignalType[];

  @Field(() => [CheckVerdictType], {
    description: "Each vendor's verdict on each check it performs: what the decision's fail-closed guards read.",
  })
  verdicts!: CheckVerdictType[];

  @Field(() => [VendorResultType])
  vendorResults!: VendorResultType[];

  @Field(() => DecisionType, { description: 'The latest decision.' })
  decision!: DecisionType;

  @Field(() => [DecisionType], { description: 'Every decision on this case, oldest first (append-only).' })
  decisions!: DecisionType[];

  @Field(() => Date)
  createdAt!: Date;
}
