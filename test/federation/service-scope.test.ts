import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway';

const rate = { perMinute: 1_000_000, burst: 100_000 };
const READER_KEY = 'service-reader-key-0123456789abcdef';
const COMPOSER_KEY = 'service-composer-key-0123456789abcdef';
const API_KEYS = JSON.stringify([
  { name: 'reader', key: READER_KEY, scopes: ['identity:verify', 'identity:read', 'identity:read:all', 'pii:read', 'review:write', 'policy:admin'], rateLimit: rate },
  { name: 'composer', key: COMPOSER_KEY, scopes: ['federation:compose'], rateLimit: rate },
]);

async function sdlAs(gw: TestGateway, key: string): Promise<{ status: number; body: string }> {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/**
 * With introspection off (production), `_service { sdl }` handed the whole schema to any key; it now
 * needs the `federation:compose` scope there. Where introspection is on, the SDL tells nothing more.
 */
describe('_service { sdl } in production', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production', API_KEYS });
  });
  afterAll(() => gw?.close());

  it('a key without federation:compose (every other scope) is FORBIDDEN and sees no schema', async () => {
    const { status, body } = await sdlAs(gw, READER_KEY);
    const json = JSON.parse(body) as { data: unknown; errors: Array<{ message: string; extensions: unknown }> };
    expect(json.data).toBeNull();
    expect(json.errors).toEqual([expect.objectContaining({ message: 'This API key lacks the scope federation:compose', extensions: { code: 'FORBIDDEN' } })]);
    expect(status).toBe(403);
    expect(body).not.toMatch(/Identity|@key|type Query/);
  });

  it('a key with federation:compose gets the subgraph SDL', async () => {
    const { body } = await sdlAs(gw, COMPOSER_KEY);
    const sdl = (JSON.parse(body) as { data: { _service: { sdl: string } } }).data._service.sdl;
    expect(sdl).toMatch(/type Identity\s+@key\(fields: "id"\)/);
  });

  it('and so does a key with every scope', async () => {
    const res = await gw.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!._service.sdl).toContain('type Identity');
  });
});

describe('_service { sdl } with introspection on (NODE_ENV=test)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ API_KEYS });
  });
  afterAll(() => gw?.close());

  it('answers any key, like introspection', async () => {
    const { body } = await sdlAs(gw, READER_KEY);
    expect((JSON.parse(body) as { data: { _service: { sdl: string } } }).data._service.sdl).toContain('type Identity');
  });
});
