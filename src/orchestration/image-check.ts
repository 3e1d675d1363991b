import { createHash } from 'node:crypto';
import type { ImageRef } from '../vendors/vendor';
import { readImageHeader } from './image-header';
import { InputError } from './input-error';

/** Largest decoded image accepted. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

/** Longest image URL accepted, in characters. */
const MAX_IMAGE_URL_LENGTH = 2048;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface ImageInputLike {
  base64?: string | null;
  url?: string | null;
}

/**
 * Exactly one of base64 / url; base64 must be a JPEG or PNG with a readable header within
 * MAX_IMAGE_BYTES; a URL must be http(s), at most MAX_IMAGE_URL_LENGTH characters, without
 * credentials. Refusals name the field and never quote the value.
 */
export function checkImage(field: string, image: ImageInputLike | null | undefined): ImageRef | null {
  if (image === null || image === undefined) return null;
  const hasBase64 = typeof image.base64 === 'string';
  const hasUrl = typeof image.url === 'string';
  if (hasBase64 === hasUrl) throw new InputError(field, 'give exactly one of base64 or url');
  return hasBase64 ? checkBase64(`${field}.base64`, image.base64!) : checkUrl(`${field}.url`, image.url!);
}

function checkBase64(field: string, input: string): ImageRef {
  // Line breaks are common in base64 produced by tools (MIME wrapping); anything else is refused.
  const base64 = /\s/.test(input) ? input.replace(/\s+/g, '') : input;
  if (base64.length === 0) throw new InputError(field, 'is empty');
  if (base64.startsWith('data:')) throw new InputError(field, 'must be plain base64 without a data: prefix');
  if (base64.length % 4 !== 0) throw new InputError(field, 'is not valid base64');
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const bytes = (base64.length / 4) * 3 - padding;
  if (bytes > MAX_IMAGE_BYTES) throw new InputError(field, `image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
  const decoded = Buffer.from(base64, 'base64');
  if (!isCanonicalBase64(base64, decoded)) throw new InputError(field, 'is not valid base64');
  const mime = sniffImage(decoded);
  if (mime === null) throw new InputError(field, 'is not a JPEG or PNG image with a readable header');
  return { kind: 'base64', base64, mime, bytes, sha256: createHash('sha256').update(decoded).digest('hex') };
}

/**
 * Buffer.from skips characters outside the base64 alphabet, so text whose decoding re-encodes to the
 * same text was valid base64; the last group is checked by pattern (its unused bits may be set).
 * No regular expression runs over the whole text, so checking a large image holds the event loop only
 * for the decoding itself.
 */
function isCanonicalBase64(text: string, decoded: Buffer): boolean {
  const again = decoded.toString('base64');
  return again.length === text.length && BASE64.test(text.slice(-4)) && again.slice(0, -4) === text.slice(0, -4);
}

function checkUrl(field: string, input: string): ImageRef {
  // Measured before parsing: a long URL costs the parser, the guard's DNS look-up and every log of it.
  if (input.length > MAX_IMAGE_URL_LENGTH) throw new InputError(field, `is longer than ${MAX_IMAGE_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InputError(field, 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(field, 'must be an http(s) URL');
  // A user name or password would travel to the vendors that fetch the URL and into stored cases.
  if (url.username !== '' || url.password !== '') throw new InputError(field, 'must not carry a user name or password');
  return { kind: 'url', url: url.toString() };
}

/** JPEG or PNG with a readable header giving non-zero dimensions (image-header.ts); magic bytes alone are not enough. */
export function sniffImage(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  return readImageHeader(bytes)?.mime ?? null;
}
