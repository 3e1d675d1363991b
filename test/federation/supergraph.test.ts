import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput } from '../support/e2e';
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from '../support/gateway';
import { ACCOUNTS_TYPE_DEFS, startAccountsSubgraph, type AccountsSubgraph } from './accounts-subgraph';

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

/** The caller's Authorization header, forwarded by the router to every subgraph. */
class ForwardingDataSource extends RemoteGraphQLDataSource<{ authorization?: string }> {
  override willSendRequest({ request: req, context }: Parameters<NonNullable<RemoteGraphQLDataSource<{ authorization?: string }>['willSendRequest']>>[0]) {
    if (context.authorization) req.http?.headers.set('authorization', context.authorization);
  }
}

/**
 * Apollo Federation v2: the gateway's subgraph SDL (from `_service { sdl }`) composed with an accounts
 * subgraph extending Identity, served by a real @apollo/gateway router on loopback in front of both.
 */
describe('federation: the gateway in a supergraph', () => {
  let gw: TestGateway;
  let accounts: AccountsSubgraph;
  let router: ApolloServer;
  let routerUrl: string;
  let supergraphSdl: string;

  beforeAll(async () => {
    [gw, accounts] = await Promise.all([startTestGateway(), startAccountsSubgraph()]);
    const service = await gw.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const composed = composeServices([
      { name: 'ekyc', url: `${gw.url}/graphql`, typeDefs: parse(service.data!._service.sdl) },
      { name: 'accounts', url: accounts.url, typeDefs: ACCOUNTS_TYPE_DEFS },
    ]);
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
    supergraphSdl = composed.supergraphSdl;
    router = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl, logger: SILENT, buildService: ({ url }) => new ForwardingDataSource({ url }) }),
      logger: SILENT,
    });
    ({ url: routerUrl } = await startStandaloneServer(router, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    }));
  });
  afterAll(async () => {
    await router?.stop();
    await accounts?.stop();
    await gw?.close();
  });

  const viaRouter = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await request(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.body.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(res.statusCode).toBe(200);
    return body.data;
  };

  it('composes the emitted schema/schema.graphql too (what docs/federation.md gives rover)', () => {
    const fromFile = composeServices([
      { name: 'ekyc', url: `${gw.url}/graphql`, typeDefs: parse(readFileSync('schema/schema.graphql', 'utf8')) },
      { name: 'accounts', url: accounts.url, typeDefs: ACCOUNTS_TYPE_DEFS },
    ]);
    expect(fromFile.errors).toBeUndefined();
  });

  it('composes: Identity is an entity keyed by id in both subgraphs', () => {
    expect(supergraphSdl).toMatch(/type Identity\s+@join__type\(graph: ACCOUNTS, key: "id"\)\s+@join__type\(graph: EKYC, key: "id"\)/);
    expect(supergraphSdl).toContain('account: Account @join__field(graph: ACCOUNTS)');
    expect(supergraphSdl).toMatch(/type Mutation\s+@join__type\(graph: EKYC\)\s+\{[^}]*verifyIdentity\(input: VerifyIdentityInput!\): Identity!/);
  });

  it('verifies through the router, then reads a case with fields from both subgraphs', async () => {
    const verified = await viaRouter('mutation($input: VerifyIdentityInput!) { verifyIdentity(input: $input) { id caseNo decision { outcome } account { number } } }', {
      input: khInput('federated-1'),
    });
    expect(verified.verifyIdentity).toMatchObject({ caseNo: 'federated-1', decision: { outcome: 'APPROVE' }, account: null });
    const id = verified.verifyIdentity.id;

    accounts.open(id, 'KH-000123', 'gold');
    const read = await viaRouter('query($id: ID!) { identity(id: $id) { caseNo decision { outcome } account { number tier } } }', { id });
    expect(read.identity).toEqual({ caseNo: 'federated-1', decision: { outcome: 'APPROVE' }, account: { number: 'KH-000123', tier: 'gold' } });
  });

  it('resolves Identity references from the other subgraph through the gateway’s _entities', async () => {
    const data = await viaRouter('{ accounts { number holder { caseNo decision { outcome } vendorResults { vendor status } } } }');
    expect(data.accounts).toEqual([
      {
        number: 'KH-000123',
        holder: {
          caseNo: 'federated-1',
          decision: { outcome: 'APPROVE' },
          vendorResults: [
            { vendor: 'HUAWEI_OCR', status: 'OK' },
            { vendor: 'INNOV8TIF', status: 'OK' },
            { vendor: 'ADVANCE_AI', status: 'OK' },
          ],
        },
      },
    ]);
  });
});
