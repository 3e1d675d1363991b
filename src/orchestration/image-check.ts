import { createHash } from 'node:crypto';
import type { ImageRef } from '../vendors/vendor';
import { InputError } from './input-error';

/** Largest decoded image accepted. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface ImageInputLike {
  base64?: string | null;
  url?: string | null;
}

/** Exactly one of base64 / url; base64 must be JPEG or PNG within MAX_IMAGE_BYTES; a URL must be http(s). */
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
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new InputError(field, 'is not valid base64');
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const bytes = (base64.length / 4) * 3 - padding;
  if (bytes > MAX_IMAGE_BYTES) throw new InputError(field, `image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
  const decoded = Buffer.from(base64, 'base64');
  const mime = sniffImage(decoded);
  if (mime === null) throw new InputError(field, 'is not a JPEG or PNG image');
  return { kind: 'base64', base64, mime, bytes, sha256: createHash('sha256').update(decoded).digest('hex') };
}

function checkUrl(field: string, input: string): ImageRef {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InputError(field, 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(field, 'must be an http(s) URL');
  return { kind: 'url', url: url.toString() };
}

/** JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) by magic bytes. */
export function sniffImage(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}
