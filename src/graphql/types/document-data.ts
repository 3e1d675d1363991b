import { Field, ObjectType } from 'type-graphql';
import { OcrFieldType } from './ocr-field';

@ObjectType('DocumentData')
export class DocumentDataType {
  @Field(() => OcrFieldType, { nullable: true })
  idNumber!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true })
  fullName!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true, description: "The name in the document's own script (e.g. Khmer)." })
  localName!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true })
  birthDate!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true, description: 'M or F.' })
  sex!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true })
  address!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true })
  nationality!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true })
  issueDate!: OcrFieldType | null;

  @Field(() => OcrFieldType, { nullable: true })
  expiryDate!: OcrFieldType | null;

  @Field(() => [String], { nullable: true, description: 'Machine-readable zone lines, as read.' })
  mrz!: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the MRZ check digits are all correct; null when there is no MRZ or it is unreadable.' })
  mrzValid!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the MRZ fits a known format (fillers the OCR dropped restored when only one restoration fits); null when there is no MRZ.',
  })
  mrzReadable!: boolean | null;

  @Field(() => [OcrFieldType], { description: 'Every field any vendor read, the named ones above included.' })
  fields!: OcrFieldType[];
}
