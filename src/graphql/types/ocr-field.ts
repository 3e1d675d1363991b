import { Field, Float, ObjectType } from 'type-graphql';
import { VendorEnum } from '../enums';
import type { Vendor } from '../../signals/model';

@ObjectType('OcrField')
export class OcrFieldType {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'ISO yyyy-mm-dd for dates, M/F for sex, trimmed text otherwise.' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: 'The text exactly as the vendor sent it.' })
  raw!: string | null;

  @Field(() => Float, { nullable: true, description: '0..1' })
  confidence!: number | null;

  @Field(() => VendorEnum)
  vendor!: Vendor;
}
