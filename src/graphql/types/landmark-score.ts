import { Field, Float, ObjectType } from 'type-graphql';
import { VendorEnum } from '../enums';
import type { Vendor } from '../../signals/model';

@ObjectType('LandmarkScore')
export class LandmarkScoreType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: '0..100' })
  score!: number;

  @Field(() => VendorEnum)
  vendor!: Vendor;
}
