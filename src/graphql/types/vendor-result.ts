import { Field, Int, ObjectType } from 'type-graphql';
import { VendorEnum, VendorStatusEnum } from '../enums';
import type { Vendor, VendorStatus } from '../../signals/model';

@ObjectType('VendorResult')
export class VendorResultType {
  @Field(() => VendorEnum)
  vendor!: Vendor;

  @Field(() => VendorStatusEnum)
  status!: VendorStatus;

  @Field(() => Int, { nullable: true })
  latencyMs!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The vendor's own error or result code, unchanged (e.g. LIVENESS_ATTACK, FAIL_ON_2, AIS.0103).",
  })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => String, { nullable: true, description: "The vendor's id for this call (transaction id, reference id ...)." })
  reference!: string | null;
}
