import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP proxy in front of one vendor (simulator) that records the headers of every request. */
export interface RecordingProxy {
  url: string;
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** Forwards every request to `target` unchanged (optionally after `delayMs`), keeping a copy of its headers. */
export async function startRecordingProxy(target: string, delayMs = 0): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    headers.push(req.headers);
    setTimeout(() => {
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
