import { printSubgraphSchema } from '@apollo/subgraph';
import type { Verifier } from '../orchestration/verifier';
import type { IdentityStore } from '../store/store';
import { buildGatewaySchema } from './schema';

/** The subgraph SDL exactly as `_service { sdl }` serves it; committed as schema/schema.graphql. */
export async function gatewaySdl(): Promise<string> {
  // Printing never runs a resolver, so the schema is built without live dependencies.
  const unused = new Proxy({}, { get: () => { throw new Error('not available while printing the schema'); } });
  const schema = await buildGatewaySchema({ verifier: unused as Verifier, store: unused as IdentityStore });
  return `# Emitted from the type-graphql classes by \`npm run schema:emit\`. Do not edit by hand.\n\n${printSubgraphSchema(schema)}`;
}
