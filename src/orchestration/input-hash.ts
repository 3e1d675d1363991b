import { createHash } from 'node:crypto';
import type { ImageRef, VerificationRequest } from '../vendors/vendor';
import type { Vendor } from '../signals/model';

/** The identity of an image for idempotency and resubmission: the bytes' SHA-256, or the URL's. */
export function imageHash(image: ImageRef | null): string | null {
  if (image === null) return null;
  return image.kind === 'base64' ? image.sha256 : createHash('sha256').update(`url:${image.url}`).digest('hex');
}

/** A hash of everything that makes a verification what it is: same caseNo + same hash = same request. */
export function verificationInputHash(request: VerificationRequest, vendors: readonly Vendor[] | null): string {
  const canonical = JSON.stringify([
    request.country,
    request.documentType,
    imageHash(request.documentFront),
    imageHash(request.documentBack),
    request.faceSignatureId,
    vendors ? [...vendors].sort() : null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
