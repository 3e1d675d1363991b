import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kind, parse, visit, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** A GraphiQL tab: one example operation, complete with the fragments it uses, and sample variables. */
export interface PlaygroundTab {
  query: string;
  variables: string;
}

/** Files shown first, in this order; any other example follows alphabetically. */
const ORDER = ['verify', 'read', 'list', 'review'];

/** Where the playground's example images live: the gateway's own development samples. */
export interface ExampleSettings {
  /** The gateway's base URL as the gateway itself reaches it (sample image URLs must be fetchable by it). */
  baseUrl: string;
  /** Makes the sample caseNo unique per page load (caseNo is the idempotency key). */
  caseNo: string;
}

/**
 * The example operations of `schema/operations/` as playground tabs: each operation file becomes a
 * tab holding its text plus the shared fragments it needs (directly or through other fragments),
 * with variables that work on a development gateway as they are.
 */
export function loadExampleTabs(dir: string, settings: ExampleSettings): PlaygroundTab[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => ({ name: basename(f, '.graphql'), text: readFileSync(join(dir, f), 'utf8') }));
  const fragments = new Map<string, { node: FragmentDefinitionNode; text: string }>();
  const operations: Array<{ name: string; text: string; operation: OperationDefinitionNode }> = [];
  for (const file of files) {
    const document = parse(file.text);
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, { node: definition, text: file.text.slice(definition.loc!.start, definition.loc!.end) });
      }
    }
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length > 0) operations.push({ name: file.name, text: file.text.trim(), operation: ops[0]! });
  }
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  operations.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  return operations.map(({ text, operation }) => {
    const needed = fragmentsUsed(operation, fragments);
    const ownFragments = new Set(
      parse(text)
        .definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => (d as FragmentDefinitionNode).name.value),
    );
    const appended = needed.filter((n) => !ownFragments.has(n)).map((n) => fragments.get(n)!.text);
    return {
      query: [text, ...appended].join('\n\n') + '\n',
      variables: JSON.stringify(sampleVariables(operation, settings), null, 2),
    };
  });
}

/** Names of the fragments an operation uses, transitively, in first-use order. */
function fragmentsUsed(root: OperationDefinitionNode, fragments: ReadonlyMap<string, { node: FragmentDefinitionNode }>): string[] {
  const seen: string[] = [];
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.includes(name) || !fragments.has(name)) return;
        seen.push(name);
        walk(fragments.get(name)!.node);
      },
    });
  walk(root);
  return seen;
}

/** Values for the variables the examples declare, by name; others are left for the person to fill. */
function sampleVariables(operation: OperationDefinitionNode, settings: ExampleSettings): Record<string, unknown> {
  const samples: Record<string, unknown> = {
    input: {
      caseNo: settings.caseNo,
      country: 'KH',
      documentType: 'NATIONAL_ID',
      documentFront: { url: `${settings.baseUrl}/samples/pass.jpg` },
      documentBack: { url: `${settings.baseUrl}/samples/pass.jpg` },
      faceSignatureId: 'pass',
    },
    id: '<an id returned by verifyIdentity>',
    first: 10,
    filter: { outcome: 'REVIEW' },
    outcome: 'APPROVE',
    note: 'documents checked by hand',
  };
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in samples) variables[name] = samples[name];
  }
  return variables;
}
