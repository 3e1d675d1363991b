import { VENDORS } from '../vendors/registry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_TYPES, type DocumentType, type Vendor } from '../signals/model';

export interface Route {
  /** ISO alpha-2, or "*" for any. */
  country: string;
  /** A DocumentType, or "*" for any. */
  documentType: DocumentType | '*';
  vendors: Vendor[];
}

export class RoutingError extends Error {
  override readonly name = 'RoutingError';
}

/** The routing table from rules/routing.json: the first route matching country and document wins. */
export class Routing {
  constructor(readonly routes: readonly Route[]) {}

  static load(rulesDir: string): Routing {
    const file = join(rulesDir, 'routing.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // The code alone: Node's message repeats the path already at the front of the line.
      throw new RoutingError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new RoutingError(`${file}: ${(error as Error).message}`);
    }
    return new Routing(parseRoutes(parsed, file));
  }

  /** The vendors a document of this country and type is checked by, in routing order. */
  pick(country: string, documentType: DocumentType): Vendor[] {
    const route = this.routes.find((r) => (r.country === '*' || r.country === country) && (r.documentType === '*' || r.documentType === documentType));
    return [...(route?.vendors ?? [])];
  }
}

function parseRoutes(value: unknown, file: string): Route[] {
  const routes = (value as { routes?: unknown })?.routes;
  if (!Array.isArray(routes)) throw new RoutingError(`${file}: "routes" must be an array`);
  return routes.map((r: unknown, i) => {
    const route = r as Partial<Route>;
    const where = `${file}: routes[${i}]`;
    if (typeof route.country !== 'string' || !(route.country === '*' || /^[A-Z]{2}$/.test(route.country))) {
      throw new RoutingError(`${where}.country must be an ISO alpha-2 code or "*"`);
    }
    if (route.documentType !== '*' && !DOCUMENT_TYPES.includes(route.documentType as DocumentType)) {
      throw new RoutingError(`${where}.documentType must be one of ${DOCUMENT_TYPES.join(', ')} or "*"`);
    }
    if (!Array.isArray(route.vendors) || route.vendors.some((v) => !VENDORS.includes(v))) {
      throw new RoutingError(`${where}.vendors must list vendors among ${VENDORS.join(', ')}`);
    }
    return { country: route.country, documentType: route.documentType as Route['documentType'], vendors: [...route.vendors] };
  });
}
