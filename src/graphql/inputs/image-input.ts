import { Field, InputType } from 'type-graphql';

@InputType('ImageInput', { description: 'Exactly one of base64 or url.' })
export class ImageInput {
  @Field(() => String, { nullable: true, description: 'JPEG or PNG bytes, base64 (no data: prefix). At most 8 MiB decoded.' })
  base64?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL the vendors can fetch.' })
  url?: string | null;
}
