import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A second subgraph for composition tests: an accounts service that extends the gateway's `Identity`
 * entity with `account`, and refers back to identities from its own `accounts` list.
 */
export const ACCOUNTS_TYPE_DEFS = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Identity @key(fields: "id") {
    id: ID!
    "The bank account opened for this verified identity, if any."
    account: Account
  }

  type Account {
    number: String!
    tier: String!
    holder: Identity!
  }

  type Query {
    accounts: [Account!]!
  }
`);

interface AccountRow {
  number: string;
  tier: string;
  identityId: string;
}

export interface AccountsSubgraph {
  url: string;
  /** Opens an account for an identity id (what the bank does once a case is approved). */
  open(identityId: string, number: string, tier: string): void;
  stop(): Promise<void>;
}

export async function startAccountsSubgraph(): Promise<AccountsSubgraph> {
  const rows: AccountRow[] = [];
  const schema = buildSubgraphSchema({
    typeDefs: ACCOUNTS_TYPE_DEFS,
    resolvers: {
      Query: { accounts: () => rows },
      Identity: {
        account: (identity: { id: string }) => rows.find((r) => r.identityId === identity.id) ?? null,
      },
      Account: {
        holder: (row: AccountRow) => ({ __typename: 'Identity', id: row.identityId }),
      },
    },
  });
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url,
    open: (identityId, number, tier) => rows.push({ identityId, number, tier }),
    stop: () => server.stop(),
  };
}
