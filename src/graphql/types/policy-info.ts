import { Field, ObjectType } from 'type-graphql';

@ObjectType('Policy', { description: 'The policy deciding new cases (rules/policy.json, reloaded live when it changes).' })
export class PolicyInfoType {
  @Field(() => String, { description: 'A hash of the content; every decision records the version that made it.' })
  version!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date, { description: 'When this version was loaded.' })
  loadedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the last change to the policy file was refused (the running policy stayed), one problem per line as ' +
      '`file:line:column  rule "name"  message`; null when the last reload succeeded.',
  })
  lastError!: string | null;
}
