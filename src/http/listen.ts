import type { Server } from 'node:net';

/** The HTTP server could not listen on PORT/HOST; the message names them and says why. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/**
 * Listens on `port` and `host`. Node's own errors ("listen EADDRINUSE", "getaddrinfo ENOTFOUND") do
 * not say which setting to change, so the usual causes are turned into a line naming PORT or HOST.
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ListenError(describe(error, port, host))));
    server.listen(port, host, () => resolve());
  });
}

function describe(error: NodeJS.ErrnoException, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `PORT ${port} on HOST ${host} is already in use`;
    case 'EACCES':
      return `PORT ${port} on HOST ${host} needs privileges this process does not have`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `HOST ${host} does not resolve to an address (${error.code})`;
    default:
      return `cannot listen on PORT ${port} on HOST ${host} (${error.code ?? error.message})`;
  }
}
