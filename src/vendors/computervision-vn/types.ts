/**
 * computervision.com.vn eKYC wire format (API v2, `/api/v2/ekyc/card` and `/api/v2/ekyc/cards`), as
 * the transformers read it. These types never leave this folder. The vendor's types drift (codes as
 * numbers or strings, `valid` as "True"/"False", `invalidCode` as a value or a list), so the values
 * are `unknown` until the transformer has classified them.
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

/** The generic response `{data, errorCode, errorMessage}`, once known to be a JSON object. */
export interface ComputervisionVnResponse {
  /** A list of documents (ekyc), or absent / null when nothing was found. */
  data?: unknown;
  errorCode?: unknown;
  errorMessage?: unknown;
}

/**
 * One identity document found in the image(s), once known to be a JSON object. `valid`,
 * `invalidCode` and `invalidMessage` are absent for PDF input or several documents in one image.
 */
export interface ComputervisionVnDocument {
  info?: unknown;
  /** "True" / "False" (or a JSON boolean): the vendor's verdict on the document. */
  valid?: unknown;
  invalidMessage?: unknown;
  /** A warning code (warning code table), a list of them, or a comma-separated text of them. */
  invalidCode?: unknown;
  type?: unknown;
}
