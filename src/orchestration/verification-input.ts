import { VENDORS } from '../vendors/registry';
import { DOCUMENT_TYPES, type DocumentType, type Vendor } from '../signals/model';
import type { VerificationRequest } from '../vendors/vendor';
import { isCountryCode } from './countries';
import { checkImage, type ImageInputLike } from './image-check';
import { InputError } from './input-error';
import { requirePrintableText } from './printable-text';
import { requireStorableText } from './storable-text';

/** The verification input as the API receives it, before any check. */
export interface VerificationInputLike {
  caseNo: string;
  country: string;
  documentType: string;
  documentFront?: ImageInputLike | null;
  documentBack?: ImageInputLike | null;
  faceSignatureId?: string | null;
  vendors?: readonly string[] | null;
}

export interface CheckedVerificationInput {
  request: VerificationRequest;
  /** The vendors the caller restricted routing to; null when routing decides alone. */
  vendors: Vendor[] | null;
}

const MAX_CASE_NO = 128;
const MAX_SIGNATURE_ID = 256;

/** Checks every field before anything is called; the first problem is thrown as an InputError naming it. */
export function checkVerificationInput(input: VerificationInputLike): CheckedVerificationInput {
  const caseNo = input.caseNo.trim();
  if (caseNo === '') throw new InputError('input.caseNo', 'must not be empty');
  if (caseNo.length > MAX_CASE_NO) throw new InputError('input.caseNo', `must be at most ${MAX_CASE_NO} characters`);
  requireStorableText('input.caseNo', caseNo);
  requirePrintableText('input.caseNo', caseNo);

  const country = input.country.trim().toUpperCase();
  if (!isCountryCode(country)) throw new InputError('input.country', 'is not an ISO 3166-1 alpha-2 country code');

  if (!DOCUMENT_TYPES.includes(input.documentType as DocumentType)) {
    throw new InputError('input.documentType', `must be one of ${DOCUMENT_TYPES.join(', ')}`);
  }

  const faceSignatureId = input.faceSignatureId?.trim() || null;
  if (faceSignatureId !== null && faceSignatureId.length > MAX_SIGNATURE_ID) {
    throw new InputError('input.faceSignatureId', `must be at most ${MAX_SIGNATURE_ID} characters`);
  }
  if (faceSignatureId !== null) requireStorableText('input.faceSignatureId', faceSignatureId);

  const vendors = input.vendors && input.vendors.length > 0 ? [...new Set(input.vendors)] : null;
  const unknown = vendors?.find((v) => !VENDORS.includes(v as Vendor));
  if (unknown !== undefined) throw new InputError('input.vendors', 'contains an unknown vendor');

  return {
    request: {
      caseNo,
      country,
      documentType: input.documentType as DocumentType,
      documentFront: checkImage('input.documentFront', input.documentFront),
      documentBack: checkImage('input.documentBack', input.documentBack),
      faceSignatureId,
    },
    vendors: vendors as Vendor[] | null,
  };
}
