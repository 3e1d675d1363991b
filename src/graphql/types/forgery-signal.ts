import { Field, ObjectType } from 'type-graphql';
import { ForgeryKindEnum, VendorEnum } from '../enums';
import type { ForgeryKind, Vendor } from '../../signals/model';

@ObjectType('ForgerySignal')
export class ForgerySignalType {
  @Field(() => ForgeryKindEnum)
  kind!: ForgeryKind;

  @Field(() => VendorEnum)
  vendor!: Vendor;

  @Field(() => String, { nullable: true })
  detail!: string | null;
}
