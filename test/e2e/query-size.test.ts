import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../src/http/read-body';
import { startTestGateway, type TestGateway } from '../support/gateway';

type Answer = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown };

/**
 * The `query` text is bounded before it is parsed (MAX_QUERY_BYTES, 413 QUERY_TOO_LARGE) and its
 * tokens while it is (MAX_QUERY_TOKENS, QUERY_TOO_MANY_TOKENS): a huge query is refused without
 * holding the event loop every other request (here /healthz) needs.
 */
describe('query size', () => {
  let gw: TestGateway;
  let small: TestGateway;
  beforeAll(async () => {
    [gw, small] = await Promise.all([startTestGateway(), startTestGateway({ MAX_QUERY_BYTES: '2048', MAX_QUERY_TOKENS: '50' })]);
  }, 60_000);
  afterAll(() => Promise.all([gw?.close(), small?.close()]));

  const post = async (target: TestGateway, body: string) => {
    const res = await request(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.authHeaders },
      body,
    });
    return { status: res.statusCode, ...((await res.body.json()) as Answer) };
  };
  const get = async (target: TestGateway, query: string) => {
    const res = await request(`${target.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { 'apollo-require-preflight': 'true', ...target.authHeaders },
    });
    return { status: res.statusCode, ...((await res.body.json()) as Answer) };
  };
  /** `{ __typename }` padded with a comment to exactly `bytes` UTF-8 bytes (comments are not tokens). */
  const padded = (bytes: number, fill = 'x') => {
    const head = '{ __typename }\n#';
    const query = head + fill.repeat(Math.ceil((bytes - head.length) / Buffer.byteLength(fill)));
    expect(Buffer.byteLength(query)).toBe(bytes);
    return query;
  };

  it('a 24 MB query of 1.25 million aliases is refused before parsing, and /healthz keeps answering meanwhile', async () => {
    const aliases = Array.from({ length: 1_250_000 }, (_, i) => `a${i}:__typename`);
    const body = JSON.stringify({ query: `{${aliases.join(' ')}}` });
    expect(body.length).toBeGreaterThan(22 * 1024 * 1024);
    expect(body.length).toBeLessThan(MAX_REQUEST_BYTES);

    let refused = false;
    const refusal = post(gw, body).finally(() => (refused = true));
    // Parsing it took 13 s, during which nothing else ran: each /healthz here waited for all of it.
    let slowest = 0;
    let probes = 0;
    while (!refused || probes < 3) {
      const started = performance.now();
      const health = await request(`${gw.url}/healthz`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      slowest = Math.max(slowest, performance.now() - started);
      probes++;
    }
    const res = await refusal;
    expect(res.status).toBe(413);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_LARGE', queryBytes: body.length - '{"query":""}'.length, maxQueryBytes: 100 * 1024 });
    expect(res.errors![0]!.message).toBe(`The query is ${body.length - 12} bytes; the limit is 102400`);
    expect(res.data).toBeUndefined();
    // Generous: a loaded 2-core machine, and this process also built and sent the 24 MB.
    expect(slowest).toBeLessThan(2_000);
  });

  it('a query of exactly MAX_QUERY_BYTES (100 KiB) runs; one byte more is refused', async () => {
    const fits = await post(gw, JSON.stringify({ query: padded(100 * 1024) }));
    expect(fits.status).toBe(200);
    expect(fits.errors).toBeUndefined();
    expect(fits.data).toEqual({ __typename: 'Query' });
    const over = await post(gw, JSON.stringify({ query: padded(100 * 1024 + 1) }));
    expect(over.status).toBe(413);
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', queryBytes: 100 * 1024 + 1 });
  });

  it('the limit counts UTF-8 bytes, not characters', async () => {
    const query = padded(2050, 'é');
    expect(query.length).toBeLessThan(2048);
    const res = await post(small, JSON.stringify({ query }));
    expect(res.status).toBe(413);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', queryBytes: 2050, maxQueryBytes: 2048 });
  });

  it('a GET request’s query parameter is held to the same limit', async () => {
    const fits = await get(small, padded(2048));
    expect(fits.status).toBe(200);
    expect(fits.data).toEqual({ __typename: 'Query' });
    const over = await get(small, padded(2049));
    expect(over.status).toBe(413);
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', queryBytes: 2049, maxQueryBytes: 2048 });
  });

  it('variables are not counted: a large image in variables passes the query limit', async () => {
    // 3 KiB of variables against a 2 KiB query limit: the operation is refused only for what it is.
    const res = await post(small, JSON.stringify({ query: 'query($x: String!) { __type(name: $x) { name } }', variables: { x: 'x'.repeat(3 * 1024) } }));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __type: null });
  });

  it('more than MAX_QUERY_TOKENS tokens are refused by the parser with QUERY_TOO_MANY_TOKENS', async () => {
    // `{`, `}` and three tokens per alias.
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const fits = await post(small, JSON.stringify({ query: aliases(16) }));
    expect(fits.errors).toBeUndefined();
    const over = await post(small, JSON.stringify({ query: aliases(17) }));
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([{ message: 'The query holds more than 50 tokens; the limit is 50', extensions: { code: 'QUERY_TOO_MANY_TOKENS', maxTokens: 50 } }]);
  });

  it('the default token limit (2000) is far above what clients send, and refuses what is past it', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await post(gw, JSON.stringify({ query: aliases(666) }))).errors).toBeUndefined();
    const over = await post(gw, JSON.stringify({ query: aliases(667) }));
    expect(over.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_MANY_TOKENS', maxTokens: 2000 });
  });
});
