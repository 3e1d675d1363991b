import { toRecord } from '../../signals/lenient';
import type { VerihubsErrorCode, VerihubsRequestFlags } from './responses';

/** Largest image the vendor accepts (the page: max file size 5 MB). */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA_URI_PREFIX = /^data:image\/[a-z]+;base64,/i;
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png']);

export type CheckedPayload = { ok: true; image: string; flags: VerihubsRequestFlags } | { ok: false; code: VerihubsErrorCode };

/**
 * Validates a request body the way the page describes, first failure wins:
 * no JSON object / no keys → INVALID_PAYLOAD; no `image` → MISSING_PAYLOAD_IMAGE; a flag that is not a
 * boolean → INVALID_PAYLOAD; `validate_quality` without `is_quality` →
 * INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY; empty or non-base64/URL image →
 * INVALID_PAYLOAD_IMAGE_MISSING; bytes that are not a JPEG/PNG, or a URL with another extension →
 * INVALID_PAYLOAD_IMAGE_FORMAT; over 5 MB → INVALID_PAYLOAD_IMAGE_SIZE. The 720×480 minimum is not
 * enforced (the sample images are 1×1) and URLs are not fetched.
 */
export function checkPayload(json: unknown): CheckedPayload {
  const body = toRecord(json);
  if (body === null || Object.keys(body).length === 0) return { ok: false, code: 'INVALID_PAYLOAD' };
  if (body.image === undefined || body.image === null) return { ok: false, code: 'MISSING_PAYLOAD_IMAGE' };
  const isQuality = body.is_quality ?? false;
  const validateQuality = body.validate_quality ?? false;
  if (typeof isQuality !== 'boolean' || typeof validateQuality !== 'boolean') return { ok: false, code: 'INVALID_PAYLOAD' };
  if (validateQuality && !isQuality) return { ok: false, code: 'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY' };
  if (typeof body.image !== 'string' || body.image.trim() === '') return { ok: false, code: 'INVALID_PAYLOAD_IMAGE_MISSING' };
  const imageError = /^https?:\/\//i.test(body.image) ? checkUrl(body.image) : checkBase64(body.image);
  if (imageError !== null) return { ok: false, code: imageError };
  return { ok: true, image: body.image.replace(DATA_URI_PREFIX, ''), flags: { isQuality, validateQuality } };
}

function checkUrl(url: string): VerihubsErrorCode | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return 'INVALID_PAYLOAD_IMAGE_MISSING';
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(pathname)?.[1]?.toLowerCase();
  return extension === undefined || IMAGE_EXTENSIONS.has(extension) ? null : 'INVALID_PAYLOAD_IMAGE_FORMAT';
}

function checkBase64(image: string): VerihubsErrorCode | null {
  const base64 = image.replace(DATA_URI_PREFIX, '');
  if (!STANDARD_BASE64.test(base64)) return 'INVALID_PAYLOAD_IMAGE_MISSING';
  const bytes = Buffer.from(base64, 'base64');
  if (!isJpeg(bytes) && !isPng(bytes)) return 'INVALID_PAYLOAD_IMAGE_FORMAT';
  if (bytes.length > MAX_IMAGE_BYTES) return 'INVALID_PAYLOAD_IMAGE_SIZE';
  return null;
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function isPng(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
