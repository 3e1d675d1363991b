import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, TEST_SERVER_URL, hasServer } from '../support/databases';
import { createServerSchema } from '../support/e2e';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startTcpProxy } from '../support/tcp-proxy';

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
      body: { status: 'ready', checks: { database: 'ok', policy: 'ok', vendors: 'ok' }, policyVersion: gw.policies.policy.version },
    });

    await db.close();
    const down = await getJson(`${gw.url}/readyz`);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      status: 'not ready',
      reason: 'database unreachable',
      checks: { database: 'failed', policy: 'ok', vendors: 'ok' },
      policyVersion: gw.policies.policy.version,
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
