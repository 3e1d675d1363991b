/**
 * computervision.com.vn eKYC wire format (API v2, `/api/v2/ekyc/card` and `/api/v2/ekyc/cards`).
 * These types never leave this folder: the transformers turn them into the canonical signal model.
 * Every field is `unknown` at the boundary because the vendor's types drift (codes as numbers or
 * strings, `valid` as "True"/"False", `invalidCode` as a value or a list).
 */

/** The envelope `errorCode` values the page's error code table documents. */
export const COMPUTERVISION_VN_ERROR_CODES = ['0', '1', '2', '3', '4', '5', '6'] as const;
export type ComputervisionVnErrorCode = (typeof COMPUTERVISION_VN_ERROR_CODES)[number];

/** The per-document `invalidCode` values the page's warning code table documents (4 is not in it). */
export const COMPUTERVISION_VN_WARNING_CODES = ['0', '1', '2', '3', '5', '6'] as const;
export type ComputervisionVnWarningCode = (typeof COMPUTERVISION_VN_WARNING_CODES)[number];

/** The document `type` values the page lists. */
export const COMPUTERVISION_VN_DOCUMENT_TYPES = [
  '9_id_card_front',
  '12_id_card_front',
  'chip_id_card_front',
  '9_id_card_back',
  '12_id_card_back',
  'chip_id_card_back',
  'driving_license',
  'passport',
  'military_id_card_front',
  'military_id_card_back',
  'officer_id_card_front',
  'officer_id_card_back',
] as const;
export type ComputervisionVnDocumentType = (typeof COMPUTERVISION_VN_DOCUMENT_TYPES)[number];

/** The generic response: `{data, errorCode, errorMessage}`. */
export interface ComputervisionVnResponse {
  data?: unknown;
  errorCode?: unknown;
  errorMessage?: unknown;
}

/**
 * One identity document found in the image(s). `valid`, `invalidCode` and `invalidMessage` are absent
 * for PDF input or several documents in one image.
 */
export interface ComputervisionVnDocument {
  info?: unknown;
  valid?: unknown;
  invalidMessage?: unknown;
  invalidCode?: unknown;
  type?: unknown;
}

/** JSON body of `POST /api/v2/ekyc/card?format_type=base64`. */
export interface ComputervisionVnCardBody {
  img: string;
}

/** JSON body of `POST /api/v2/ekyc/cards?format_type=base64`. */
export interface ComputervisionVnCardsBody {
  img1: string;
  img2: string;
}

/** The documented `format_type` query values. */
export const COMPUTERVISION_VN_FORMAT_TYPES = ['url', 'file', 'base64'] as const;
export type ComputervisionVnFormatType = (typeof COMPUTERVISION_VN_FORMAT_TYPES)[number];
