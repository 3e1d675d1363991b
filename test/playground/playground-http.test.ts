import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway';

const require = createRequire(import.meta.url);

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

function configOf(html: string): { endpoint: string; tabs: Array<{ query: string; variables: string }> } {
  const json = /<script id="playground-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
  return JSON.parse(json);
}

/** The offline playground over HTTP: the page, its assets from node_modules, and where it is not served. */
describe('offline GraphiQL playground (HTTP)', () => {
  let gw: TestGateway;
  let production: TestGateway;
  beforeAll(async () => {
    [gw, production] = await Promise.all([startTestGateway(), startTestGateway({ NODE_ENV: 'production', SIMULATORS: 'on' })]);
  });
  afterAll(async () => {
    await Promise.all([gw?.close(), production?.close()]);
  });

  it('serves the page at /playground and to a browser opening /graphql, loading nothing from elsewhere', async () => {
    for (const path of ['/playground', '/graphql']) {
      const page = await get(`${gw.url}${path}`, { accept: 'text/html,application/xhtml+xml' });
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const html = page.body.toString();
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(sources).toEqual([
        '/playground/graphiql.min.css',
        '/playground/react.production.min.js',
        '/playground/react-dom.production.min.js',
        '/playground/graphiql.min.js',
        '/playground/start.js',
      ]);
    }
  });

  it('preloads the example operations, complete with their fragments, and variables using the gateway’s own sample images', async () => {
    const html = (await get(`${gw.url}/playground`)).body.toString();
    const config = configOf(html);
    expect(config.endpoint).toBe('/graphql');
    const [verify, read] = config.tabs;
    expect(verify!.query).toMatch(/^# .*\nmutation VerifyIdentity\(\$input: VerifyIdentityInput!\)/);
    for (const fragment of ['IdentityFields', 'OcrFieldFields', 'DecisionFields']) expect(verify!.query).toContain(`fragment ${fragment} on`);
    const input = JSON.parse(verify!.variables).input;
    expect(input).toMatchObject({
      country: 'KH',
      documentType: 'NATIONAL_ID',
      documentFront: { url: `${gw.url}/samples/pass.jpg` },
      documentBack: { url: `${gw.url}/samples/pass.jpg` },
      faceSignatureId: 'pass',
    });
    expect(input.caseNo).toMatch(/^playground-/);
    expect(read!.query).toContain('query Identity($id: ID!)');
    expect(JSON.parse(read!.variables)).toEqual({ id: '<an id returned by verifyIdentity>' });
    // The sample image really is there.
    const sample = await get(input.documentFront.url);
    expect(sample.headers['content-type']).toBe('image/jpeg');
  });

  it('serves GraphiQL, React and ReactDOM from the installed packages, compressed when asked', async () => {
    const js = await get(`${gw.url}/playground/graphiql.min.js`, { 'accept-encoding': 'gzip' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.body).equals(readFileSync(require.resolve('graphiql/graphiql.min.js')))).toBe(true);
    const css = await get(`${gw.url}/playground/graphiql.min.css`);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.equals(readFileSync(require.resolve('graphiql/graphiql.min.css')))).toBe(true);
    expect((await get(`${gw.url}/playground/react.production.min.js`)).body.toString()).toContain('react.production.min.js');
    expect((await get(`${gw.url}/playground/react-dom.production.min.js`)).status).toBe(200);
  });

  it('gives GraphiQL the schema as SDL, so its docs need no introspection query', async () => {
    const sdl = await get(`${gw.url}/playground/schema.graphql`);
    expect(sdl.status).toBe(200);
    expect(sdl.body.toString()).toContain('verifyIdentity(');
    expect(sdl.body.toString()).toContain('type Identity');
  });

  it('leaves GraphQL GET requests to GraphQL, even from a browser', async () => {
    const res = await get(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { accept: 'text/html', 'apollo-require-preflight': 'true', ...gw.authHeaders });
    expect(String(res.headers['content-type'])).toContain('json');
  });

  it('is not served in production', async () => {
    expect((await get(`${production.url}/playground`)).status).toBe(404);
    expect((await get(`${production.url}/playground/graphiql.min.js`)).status).toBe(404);
    expect((await get(`${production.url}/playground/schema.graphql`)).status).toBe(404);
    const graphql = await get(`${production.url}/graphql`, { accept: 'text/html' });
    expect(String(graphql.headers['content-type'])).not.toContain('text/html');
  });
});
