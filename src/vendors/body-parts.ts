import { Readable } from 'node:stream';

/** Largest piece of a part encoded at once: what a vendor request costs in memory besides the image itself. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A request body given as text parts sent one after the other, so a multi-megabyte base64 image goes
 * out as the caller's own string: it is never concatenated into a body string nor encoded whole into
 * a buffer. Each part is sent in slices of at most 64 KiB (a slice of a flat string shares its
 * characters; only the slice being written is encoded). Parts must together form the JSON the vendor
 * expects.
 */
export class BodyParts {
  /** The body's length in bytes (UTF-8), sent as content-length. */
  readonly byteLength: number;

  constructor(readonly parts: readonly string[]) {
    this.byteLength = parts.reduce((n, part) => n + Buffer.byteLength(part, 'utf8'), 0);
  }

  /**
   * What to send: a body of one slice or less as one string (a stream costs more than copying a few
   * KiB), a larger one as a stream of slices.
   */
  payload(): string | Readable {
    return this.byteLength <= CHUNK_CHARS ? this.parts.join('') : this.stream();
  }

  /** The body as a stream of small buffers. */
  stream(): Readable {
    return Readable.from(chunks(this.parts), { objectMode: false });
  }

  /** The whole body as one string (tests, logs of shapes); the send path joins small bodies only (payload). */
  toString(): string {
    return this.parts.join('');
  }
}

function* chunks(parts: readonly string[]): Generator<Buffer> {
  for (const part of parts) {
    for (let start = 0; start < part.length;) {
      let end = Math.min(part.length, start + CHUNK_CHARS);
      // Never split a surrogate pair between two slices.
      if (end < part.length && isHighSurrogate(part.charCodeAt(end - 1))) end -= 1;
      yield Buffer.from(part.slice(start, end), 'utf8');
      start = end;
    }
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
