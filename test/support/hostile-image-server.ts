import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sampleJpeg } from '../../src/simulators/sample-image';

/**
 * A loopback HTTP server that answers image URLs the way a careless or hostile host would. Paths:
 * `/404`, `/302`, `/500` (with a body), `/large` (200 with more than the 8 MiB image limit, streamed),
 * `/hang-body` (200, a few bytes, then nothing), `/hang-headers` (never answers), `/magic-png` and
 * `/magic-jpeg` (only the format's magic bytes), `/ok.jpg` (a real sample image).
 */
export interface HostileImageServer {
  url: string;
  /** host:port, for IMAGE_URL_ALLOW. */
  hostPort: string;
  /** Requests received so far, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const MEGABYTE = Buffer.alloc(1024 * 1024, 0xab);

export async function startHostileImageServer(): Promise<HostileImageServer> {
  const sockets = new Set<Socket>();
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    answer(path, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(path: string, res: ServerResponse): void {
  switch (path) {
    case '/404':
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    case '/302':
      res.writeHead(302, { location: '/ok.jpg', 'content-type': 'text/html' }).end('<a href="/ok.jpg">moved</a>');
      return;
    case '/500':
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error '.repeat(1000));
      return;
    case '/large':
      streamLarge(res, 12);
      return;
    case '/hang-body':
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100000' });
      res.write(sampleJpeg().subarray(0, 16));
      return;
    case '/hang-headers':
      return;
    case '/magic-png':
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      return;
    case '/magic-jpeg':
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      return;
    case '/ok.jpg':
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(sampleJpeg());
      return;
    default:
      res.writeHead(404).end();
  }
}

/** `megabytes` MiB of a 200 image body, written as the socket drains (a real large download). */
function streamLarge(res: ServerResponse, megabytes: number): void {
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  let sent = 0;
  const more = () => {
    while (sent < megabytes) {
      sent++;
      if (!res.write(sent === 1 ? Buffer.concat([sampleJpeg(), MEGABYTE]) : MEGABYTE)) {
        res.once('drain', more);
        return;
      }
    }
    res.end();
  };
  res.on('error', () => undefined);
  more();
}
