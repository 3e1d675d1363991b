import { Field, Float, ObjectType } from 'type-graphql';
import { VendorEnum } from '../enums';
import type { Vendor } from '../../signals/model';

@ObjectType('FaceCheck')
export class FaceCheckType {
  @Field(() => Float, { nullable: true, description: '0..100' })
  livenessScore!: number | null;

  @Field(() => Float, { nullable: true, description: '0..100' })
  similarityScore!: number | null;

  @Field(() => VendorEnum)
  vendor!: Vendor;
}
