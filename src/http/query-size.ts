/**
 * The size of a GraphQL request's `query` text, checked before anything parses it: parsing and
 * validating cost time in proportion to the text, on the event loop every tenant shares. Only the
 * query counts: a verification's images travel in its variables.
 */

/** The `query` text of a request: the JSON body's `query` (POST), or the `query` parameter (GET). */
function queryText(method: string, body: unknown, url: URL): string | null {
  if (method === 'GET') return url.searchParams.get('query');
  const query = (body as { query?: unknown } | null | undefined)?.query;
  return typeof query === 'string' ? query : null;
}

/** The query's size in UTF-8 bytes when it exceeds `maxBytes`; null when it fits (or there is none). */
export function oversizedQueryBytes(method: string, body: unknown, url: URL, maxBytes: number): number | null {
  const query = queryText(method, body, url);
  if (query === null) return null;
  // One linear scan without allocation: the text is measured, never copied or encoded.
  const bytes = Buffer.byteLength(query, 'utf8');
  return bytes > maxBytes ? bytes : null;
}
