import { createHash } from 'node:crypto';
import { sampleJpeg } from '../../../src/simulators/sample-image';
import type { VendorOutcome } from '../../../src/signals/model';
import type { ImageRef, VendorCallContext, VerificationRequest } from '../../../src/vendors/vendor';

/** A sample JPEG carrying a scenario marker, as the gateway hands it to adapters. */
export function base64Image(scenario: string): ImageRef {
  const bytes = sampleJpeg(scenario);
  return {
    kind: 'base64',
    base64: bytes.toString('base64'),
    mime: 'image/jpeg',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export function request(front: ImageRef | null, back: ImageRef | null = null): VerificationRequest {
  return { caseNo: 'CASE-KH-0042', country: 'KH', documentType: 'NATIONAL_ID', documentFront: front, documentBack: back, faceSignatureId: null };
}

export const context: VendorCallContext = {
  signal: new AbortController().signal,
  fetchImageBase64: () => Promise.reject(new Error('not used by Huawei OCR')),
};

export function field(outcome: VendorOutcome, name: string) {
  return outcome.fields.find((f) => f.name === name);
}
