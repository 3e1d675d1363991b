import type { IncomingMessage } from 'node:http';

/** Largest request body accepted: two 8 MiB images as base64 plus the rest of the operation. */
export const MAX_REQUEST_BYTES = 24 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads a request body, refusing (and not buffering) anything over `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    // With a content-length (every client sending images gives one), chunks are copied into one buffer
    // of that size as they arrive and let go at once: a large body is held once while it is read, and
    // once more as text, instead of as chunks, their concatenation and the text.
    let whole: Buffer | null = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let filled = 0;
    req.on('data', (chunk: Buffer) => {
      if (whole && filled === size && size + chunk.length <= whole.length) filled += chunk.copy(whole, size);
      size += chunk.length;
      // Past the limit, drain without keeping (so the client still gets its 413), up to a point.
      if (size > limit * 2) req.destroy(new BodyTooLargeError());
      else if (!whole && size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return reject(new BodyTooLargeError());
      if (whole) {
        // Only what arrived (Node's parser holds a body to its content-length; this guards the buffer).
        const text = whole.toString('utf8', 0, filled);
        whole = null; // as below: not held for the rest of the request
        return resolve(text);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      // The request (and this listener with it) lives as long as the verification: drop the raw
      // chunks now, or every large request is held twice until it is answered.
      chunks.length = 0;
      resolve(text);
    });
    req.on('error', reject);
  });
}
