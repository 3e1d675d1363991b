import { Field, Int, ObjectType } from 'type-graphql';
import { IdentityType } from './identity';

@ObjectType('PageInfo')
class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: the listing pages forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('IdentityEdge')
class IdentityEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => IdentityType)
  node!: IdentityType;
}

@ObjectType('IdentityConnection', { description: 'A page of cases, newest first, in a stable order.' })
export class IdentityConnectionType {
  @Field(() => [IdentityEdgeType])
  edges!: IdentityEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int, { description: 'Cases matching the filter, over all pages.' })
  totalCount!: number;
}
