import type { IncomingMessage } from 'node:http';

/** Largest request body accepted: two 8 MiB images as base64 plus the rest of the operation. */
export const MAX_REQUEST_BYTES = 24 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The client closed, reset or broke the connection before its whole body arrived. */
export class BodyAbortedError extends Error {
  override readonly name = 'BodyAbortedError';
}

/** The whole body did not arrive within the time allowed. */
export class BodyTimeoutError extends Error {
  override readonly name = 'BodyTimeoutError';
}

export interface ReadBodyOptions {
  limit?: number;
  /** The whole body must arrive within this long (no limit when unset). */
  timeoutMs?: number;
}

/**
 * Reads a request body, refusing (and not buffering) anything over `limit` bytes. The promise always
 * settles: with the text, or rejected as too large, aborted (the client went away, even before the
 * read began) or timed out. The caller holds memory for the body until then, so a reader that never
 * settles would hold it for good.
 */
export function readBody(req: IncomingMessage, { limit = MAX_REQUEST_BYTES, timeoutMs }: ReadBodyOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    // A request whose client left while it waited for the body budget emits nothing any more.
    if (req.destroyed) {
      reject(new BodyAbortedError('the client went away before its body was read'));
      return;
    }
    // With a content-length (every client sending images gives one), chunks are copied into one buffer
    // of that size as they arrive and let go at once: a large body is held once while it is read, and
    // once more as text, instead of as chunks, their concatenation and the text.
    let whole: Buffer | null = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let filled = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    // Settles once and lets go of the buffers: the request (and these listeners) can outlive the read.
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      whole = null;
      chunks.length = 0;
      return true;
    };
    const fail = (error: Error) => {
      if (settle()) reject(error);
    };
    if (timeoutMs !== undefined) timer = setTimeout(() => fail(new BodyTimeoutError(`the body did not arrive within ${timeoutMs} ms`)), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (whole && filled === size && size + chunk.length <= whole.length) filled += chunk.copy(whole, size);
      size += chunk.length;
      // Past the limit, drain without keeping (so the client still gets its 413), up to a point.
      if (size > limit * 2) req.destroy(new BodyTooLargeError());
      else if (!whole && size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      if (size > limit) return fail(new BodyTooLargeError());
      // Only what arrived (Node's parser holds a body to its content-length; this guards the buffer).
      const text = whole ? whole.toString('utf8', 0, filled) : Buffer.concat(chunks).toString('utf8');
      // The request (and this listener with it) lives as long as the verification: drop the raw
      // buffer or chunks now (settle does), or every large request is held twice until it is answered.
      settle();
      resolve(text);
    });
    req.on('error', (error) => fail(error instanceof BodyTooLargeError ? error : new BodyAbortedError('the connection failed mid-body', { cause: error })));
    // A close before 'end' without an error (a client that just went away) must settle too.
    req.on('close', () => fail(new BodyAbortedError('the client went away mid-body')));
  });
}
