import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback TCP forwarder that can be stopped (every connection cut) and started again on its port. */
export interface TcpProxy {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stalls every connection, open and new: nothing is forwarded and nothing is closed (a hung network). */
  freeze(): void;
  close(): Promise<void>;
}

/** Forwards a loopback port to `host:port` (a database server that can be made to "go away"). */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs: Array<[Socket, Socket]> = [];
  let frozen = false;
  let server: Server | null = null;
  let listenPort = 0;
  const listen = async () => {
    server = createServer((client) => {
      if (frozen) {
        sockets.add(client);
        client.on('error', () => client.destroy());
        client.pause();
        return;
      }
      const upstream = connect(port, host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      pairs.push([client, upstream]);
    });
    await new Promise<void>((resolve) => server!.listen(listenPort, '127.0.0.1', resolve));
    listenPort = (server!.address() as AddressInfo).port;
  };
  const stop = async () => {
    for (const s of sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
  };
  const freeze = () => {
    frozen = true;
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  };
  await listen();
  return { port: listenPort, stop, start: listen, close: stop, freeze };
}
