import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Identity {
        id
        caseNo
      }
    }
  }
`;

/** `_entities` as a router calls it, straight to the gateway: representations it cannot resolve are the caller's error. */
describe.each(['test', 'production'])('_entities representations (NODE_ENV=%s)', (nodeEnv) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: nodeEnv, SIMULATORS: 'on' });
  });
  afterAll(() => gw?.close());

  it('an unknown type name is BAD_USER_INPUT naming it and the entity types this subgraph resolves', async () => {
    const res = await gw.gql('{ _entities(representations: [{ __typename: "Nope", id: "x" }]) { __typename } }');
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'representations[0].__typename: "Nope" is not an entity type of this subgraph, which resolves Identity',
        extensions: { code: 'BAD_USER_INPUT', field: 'representations[0].__typename' },
      }),
    ]);
  });

  it.each([
    ['a type that is not an entity', { __typename: 'DocumentData' }, '"DocumentData" is not an entity type'],
    ['no __typename', { id: 'x' }, 'must name an entity type'],
    ['a representation that is not an object', 'Identity', 'must name an entity type'],
  ])('%s is BAD_USER_INPUT too', async (_name, representation, says) => {
    const res = await gw.gql(ENTITIES, { representations: [{ __typename: 'Identity', id: 'x' }, representation] });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'representations[1].__typename' });
    expect(res.errors![0]!.message).toContain(says);
  });

  it('Identity representations still resolve', async () => {
    const verified = await gw.gql(VERIFY, { input: khInput(`entities-${nodeEnv}`) });
    const id = verified.data!.verifyIdentity.id;
    const res = await gw.gql(ENTITIES, { representations: [{ __typename: 'Identity', id }] });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ _entities: [{ __typename: 'Identity', id, caseNo: `entities-${nodeEnv}` }] });
  });
});
