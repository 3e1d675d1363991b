import { Field, InputType } from 'type-graphql';
import { DocumentTypeEnum, VendorEnum } from '../enums';
import type { DocumentType, Vendor } from '../../signals/model';
import { ImageInput } from './image-input';

@InputType('VerifyIdentityInput')
export class VerifyIdentityInput {
  @Field(() => String, { description: "The caller's own reference for this verification. Unique per caller: it is the idempotency key." })
  caseNo!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country that issued the document, e.g. KH, VN, ID, MY, PH, TH.' })
  country!: string;

  @Field(() => DocumentTypeEnum)
  documentType!: DocumentType;

  @Field(() => ImageInput, { nullable: true })
  documentFront?: ImageInput | null;

  @Field(() => ImageInput, { nullable: true })
  documentBack?: ImageInput | null;

  @Field(() => String, { nullable: true, description: 'The signatureId of a finished ADVANCE.AI hosted capture (face liveness + similarity).' })
  faceSignatureId?: string | null;

  @Field(() => [VendorEnum], { nullable: true, description: 'Restrict the vendors that routing would choose. Empty or absent: routing decides.' })
  vendors?: Vendor[] | null;
}
