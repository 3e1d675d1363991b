import type { Server } from 'node:http';

/**
 * Stops accepting connections and waits for the requests in flight to be answered: keep-alive
 * connections are closed as soon as they fall idle (checked every 50 ms, since a connection busy with
 * a verification becomes idle only once its answer is sent). After `graceMs` whatever is still open
 * is cut, so a stuck client cannot hold the shutdown for ever.
 */
export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
