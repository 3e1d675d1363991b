import { Field, Float, ObjectType } from 'type-graphql';
import { QualityKindEnum, VendorEnum } from '../enums';
import type { QualityKind, Vendor } from '../../signals/model';

@ObjectType('QualitySignal')
export class QualitySignalType {
  @Field(() => QualityKindEnum)
  kind!: QualityKind;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => VendorEnum)
  vendor!: Vendor;
}
