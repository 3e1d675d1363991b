import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, TEST_SERVER_URL, hasServer } from '../support/databases';
import { createServerSchema, khInput } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';
import { startTcpProxy } from '../support/tcp-proxy';
import { VENDORS } from '../../src/vendors/registry';

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** /healthz (the process is up) and /readyz (it can serve verifications), on a real gateway. */
describe.each(BACKENDS)('health and readiness on $name', (backend) => {
  const gateways: TestGateway[] = [];
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
  });

  it('is ready with a database, a policy and every vendor served; not ready once the database is gone', async () => {
    const { db } = await backend.open();
    const gw = await startTestGateway({}, { db });
    gateways.push(gw);

    expect(await getJson(`${gw.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await getJson(`${gw.url}/readyz`);
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', policy: 'ok', vendors: 'ok' }, policyVersion: gw.policies.policy.version, simulators: [...VENDORS] },
    });

    await db.close();
    const down = await getJson(`${gw.url}/readyz`);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      status: 'not ready',
      reason: 'database unreachable',
      checks: { database: 'failed', policy: 'ok', vendors: 'ok' },
      policyVersion: gw.policies.policy.version,
      simulators: [...VENDORS],
    });
    // The process itself is still up.
    expect((await getJson(`${gw.url}/healthz`)).status).toBe(200);
  });
});

describe.runIf(hasServer)('readiness when the PostgreSQL server goes away and comes back', () => {
  it('answers 503 while the server is unreachable, 200 again once it is back', async () => {
    const server = new URL(TEST_SERVER_URL!);
    const proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
    const schema = await createServerSchema();
    const url = new URL(schema.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const gw = await startTestGateway({ DATABASE_URL: url.toString() });
    try {
      expect((await getJson(`${gw.url}/readyz`)).status).toBe(200);
      await proxy.stop();
      const down = await getJson(`${gw.url}/readyz`);
      expect(down.status).toBe(503);
      expect(down.body.reason).toBe('database unreachable');
      expect(JSON.stringify(down.body)).not.toContain(String(proxy.port)); // no URL, no driver text
      await proxy.start();
      expect((await getJson(`${gw.url}/readyz`)).status).toBe(200);
    } finally {
      await gw.close();
      await proxy.close();
      await schema.drop();
    }
  });
});

describe.runIf(hasServer)('a PostgreSQL connection that stalls (no answer, no reset)', () => {
  it('statements fail after DATABASE_QUERY_TIMEOUT_MS: a verification is answered, /metrics answers (pending NaN), shutdown completes', { timeout: 60_000 }, async () => {
    const server = new URL(TEST_SERVER_URL!);
    const proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
    const schema = await createServerSchema();
    const url = new URL(schema.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const gw = await startTestGateway({ DATABASE_URL: url.toString(), DATABASE_QUERY_TIMEOUT_MS: '1000' });
    try {
      expect((await gw.gql(VERIFY, { input: khInput('before-stall') })).errors).toBeUndefined();
      proxy.freeze();

      const started = Date.now();
      const res = await gw.gql(VERIFY, { input: khInput('during-stall') });
      expect(res.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(Date.now() - started).toBeLessThan(10_000);

      const scrapeStarted = Date.now();
      const metrics = await fetch(`${gw.url}/metrics`);
      const text = await metrics.text();
      expect(metrics.status).toBe(200);
      expect(Date.now() - scrapeStarted).toBeLessThan(5_000);
      expect(text).toMatch(/^ekyc_pending_cases Nan$/im);
      expect(text).toMatch(/^ekyc_http_requests_total\{/m);
    } finally {
      const closing = Date.now();
      await gw.close();
      expect(Date.now() - closing).toBeLessThan(20_000);
      await proxy.close();
      await schema.drop();
    }
  });
});
