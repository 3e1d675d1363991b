import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { rawConnection, type RawConnection } from '../support/raw-http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * No client holds a connection for long without sending a request (HTTP_HEADERS_TIMEOUT_MS), and no
 * number of clients exhausts the process's file descriptors (HTTP_MAX_CONNECTIONS): no key is needed
 * to open connections, so these hold before authentication.
 */
describe('connections', () => {
  let gw: TestGateway;
  const open: RawConnection[] = [];
  beforeAll(async () => {
    gw = await startTestGateway({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '30000', HTTP_MAX_CONNECTIONS: '5' });
  });
  afterAll(async () => {
    for (const c of open) c.socket.destroy();
    await gw?.close();
  });

  const connection = async () => {
    const c = await rawConnection(gw.url);
    open.push(c);
    return c;
  };
  const healthz = async (c: RawConnection) => {
    const response = c.nextResponse();
    c.socket.write(`GET /healthz HTTP/1.1\r\nhost: gateway\r\n\r\n`);
    return response;
  };

  it('a client trickling its headers is answered 408 and closed once the header timeout has passed', async () => {
    const slow = await connection();
    const started = performance.now();
    const response = slow.nextResponse();
    response.catch(() => undefined);
    slow.socket.write('GET /healthz HTTP/1.1\r\nhost: gateway\r\n');
    // A header line every 200 ms: never idle, never done. Node's default let this go on 60 to 90 s.
    const drip = setInterval(() => !slow.isClosed() && slow.socket.write(`x-drip-${Math.random().toString(36).slice(2, 8)}: 1\r\n`), 200);
    try {
      await slow.closed;
    } finally {
      clearInterval(drip);
    }
    const heldMs = performance.now() - started;
    expect(heldMs).toBeGreaterThanOrEqual(900);
    // The timeout (1 s) plus one check interval (1 s), and room for a loaded machine.
    expect(heldMs).toBeLessThan(6_000);
    expect((await response).status).toBe(408);
  });

  it('a connection that sends nothing at all is closed after the header timeout too', async () => {
    const silent = await connection();
    const started = performance.now();
    await silent.closed;
    const heldMs = performance.now() - started;
    expect(heldMs).toBeGreaterThanOrEqual(900);
    expect(heldMs).toBeLessThan(6_000);
  });

  it('past HTTP_MAX_CONNECTIONS a new connection is closed unanswered, while the open ones keep being served', async () => {
    const held = [];
    for (let i = 0; i < 5; i++) {
      const c = await connection();
      expect((await healthz(c)).status).toBe(200);
      held.push(c);
    }
    const extra = await connection();
    const refused = healthz(extra);
    await expect(refused).rejects.toThrow(/closed/);
    expect(extra.isClosed()).toBe(true);

    // The held keep-alive connections are still served.
    for (const c of held) {
      const res = await healthz(c);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
    }

    // One goes: its place is free for the next client.
    held.pop()!.socket.destroy();
    let admitted: number | undefined;
    for (let attempt = 0; attempt < 50 && admitted === undefined; attempt++) {
      const next = await connection();
      admitted = await healthz(next).then(
        (r) => r.status,
        () => undefined,
      );
      if (admitted === undefined) await sleep(50);
    }
    expect(admitted).toBe(200);
  });

  it('an idle keep-alive connection outlives the header timeout (HTTP_KEEP_ALIVE_TIMEOUT_MS governs it)', async () => {
    for (const c of open) c.socket.destroy();
    await sleep(100);
    const c = await connection();
    expect((await healthz(c)).status).toBe(200);
    await sleep(2_500);
    expect(c.isClosed()).toBe(false);
    expect((await healthz(c)).status).toBe(200);
  });
});
