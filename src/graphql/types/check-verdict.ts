import { Field, ObjectType } from 'type-graphql';
import { VerdictCheckEnum, VerdictEnum, VendorEnum } from '../enums';
import type { Vendor, Verdict, VerdictCheck } from '../../signals/model';

@ObjectType('CheckVerdict', {
  description:
    "What one vendor's answer says of one check it performs, and the answer field that says it. UNCLEAR (an " +
    'undocumented code, a verdict missing or contradicted) never counts as a pass: a case with one is never ' +
    'APPROVE.',
})
export class CheckVerdictType {
  @Field(() => VendorEnum)
  vendor!: Vendor;

  @Field(() => VerdictCheckEnum)
  check!: VerdictCheck;

  @Field(() => VerdictEnum)
  verdict!: Verdict;

  @Field(() => String, { description: 'The answer field carrying the verdict, as the vendor names it (idvResult, data.valid); "(no verdict)" when the answer gave none.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value as the vendor sent it (a code or word, at most 64 characters); null when absent.' })
  raw!: string | null;
}
