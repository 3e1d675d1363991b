import { printSubgraphSchema } from '@apollo/subgraph';
import { buildGatewaySchema } from './schema';
import type { GatewayServices } from './services';

/** The subgraph SDL exactly as `_service { sdl }` serves it; committed as schema/schema.graphql. */
export async function gatewaySdl(): Promise<string> {
  // Printing never runs a resolver, so the schema is built without live services.
  const schema = await buildGatewaySchema({} as GatewayServices);
  return `# Emitted from the type-graphql classes by \`npm run schema:emit\`. Do not edit by hand.\n\n${printSubgraphSchema(schema)}`;
}
