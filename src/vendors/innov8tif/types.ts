/**
 * Innov8tif OkayDoc wire types for `POST /ekyc/api/ekyc/v1/doc-verify/kh-id-back` (version 2).
 *
 * They describe what the vendor documents, not what it is guaranteed to send: every field may be
 * null or absent at runtime, scores arrive as strings ("94.56...") and checks as "Pass" / "Fail".
 * The transformer reads the response through them and nothing outside this folder sees them; the
 * request body is written as text around the image (transformers.ts) and has no type here.
 */

/** One analysed item: a landmark (security feature) with its score, or a check with Pass/Fail. */
export interface Innov8tifComponent {
  code?: string | null;
  label?: string | null;
  /** A number 0..100 written as a string for landmarks; "Pass" / "Fail" for checks. */
  value?: string | number | null;
  imageUrl?: string | null;
  refImageUrl?: string | null;
}

/** One analysis method and its components. */
export interface Innov8tifMethod {
  method?: string | null;
  label?: string | null;
  componentList?: Innov8tifComponent[] | null;
}

/**
 * The response envelope. The page documents only the success answer; error answers are taken to
 * use the same envelope with `status` other than "success" and their own `messageCode`.
 */
export interface Innov8tifKhIdBackResponse {
  status?: string | null;
  messageCode?: string | null;
  message?: string | null;
  /** The vendor's id for this verification. */
  id?: string | null;
  methodList?: Innov8tifMethod[] | null;
}
