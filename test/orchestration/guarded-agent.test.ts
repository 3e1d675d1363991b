import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedAgent, type ResolveAll } from '../../src/orchestration/guarded-agent';
import { imageFetcher } from '../../src/orchestration/image-fetcher';
import { ImageUrlGuard } from '../../src/orchestration/url-guard';
import { sampleJpeg } from '../../src/simulators/sample-image';

/** A resolver answering from a table, as DNS would at the moment the fetch connects. */
const resolveTo =
  (map: Record<string, string[]>): ResolveAll =>
  (host, _options, callback) => {
    const addresses = map[host];
    if (!addresses) callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    else
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
  };

describe('the image fetch checks the address it connects to', () => {
  // An internal service on loopback that must not be reached from an image URL.
  let server: Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(sampleJpeg('pass')));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Nothing allowed here; the simulators' allowance is covered through the gateway (test/e2e/image-url-guard.test.ts).
  const fetchWith = (resolve: ResolveAll) => {
    const agent = createGuardedAgent(() => false, resolve);
    return { fetch: imageFetcher(agent), agent };
  };
  const signal = () => AbortSignal.timeout(5_000);

  it('DNS rebinding: a name that was public for the guard and is loopback when the fetch connects is refused, nothing reached', async () => {
    const guard = new ImageUrlGuard([], async () => ['93.184.216.34']);
    const url = `http://rebind.example:${port}/a.jpg`;
    await expect(guard.checkUrl('input.documentFront.url', url)).resolves.toBeUndefined();

    const { fetch, agent } = fetchWith(resolveTo({ 'rebind.example': ['127.0.0.1'] }));
    const before = connections;
    const error = await fetch(url, signal()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'VendorTransportError', code: 'IMAGE_FETCH_FAILED', message: 'the image URL points at a non-public address' });
    expect(String((error as Error).message)).not.toContain('rebind.example');
    expect(connections).toBe(before);
    await agent.close();
  });

  it('one non-public address among public ones refuses the name, as the guard does', async () => {
    const { fetch, agent } = fetchWith(resolveTo({ 'mixed.example': ['93.184.216.34', '::ffff:127.0.0.1'] }));
    const before = connections;
    await expect(fetch(`http://mixed.example:${port}/a.jpg`, signal())).rejects.toMatchObject({ message: 'the image URL points at a non-public address' });
    expect(connections).toBe(before);
    await agent.close();
  });

  it('an IP address, which is connected to without a lookup, is checked too', async () => {
    const { fetch, agent } = fetchWith(resolveTo({}));
    const before = connections;
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '[::127.0.0.1]']) {
      await expect(fetch(`http://${host}:${port}/a.jpg`, signal()), host).rejects.toMatchObject({ message: 'the image URL points at a non-public address' });
    }
    expect(connections).toBe(before);
    await agent.close();
  });
});
