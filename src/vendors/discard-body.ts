import type { Dispatcher } from 'undici';

/**
 * Drops a response body that will not be read (an error status, a body over its limit, a caller that
 * gave up) without ending the process. Destroying an undici body emits 'error' (UND_ERR_ABORTED) on
 * it, and an 'error' event nobody listens to is an uncaught exception: every body this gateway drops
 * goes through here, which listens first. The connection is closed, not drained: a hostile server
 * gets no more of our time.
 */
export function discardBody(body: Dispatcher.ResponseData['body']): void {
  body.on('error', ignore);
  if (!body.destroyed) body.destroy();
}

function ignore(): void {}
