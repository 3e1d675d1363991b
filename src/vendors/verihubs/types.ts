/**
 * Verihubs ID Forgery (`POST /v2/ktp/idforgery`) wire types, as the vendor page documents them.
 * These are what the transformer reads from an answer once it is a JSON object. Every field is
 * optional and nullable: flags are read as booleans or the words "True"/"False", scores as numbers or
 * numeric text, so these types describe the documented shape, not a promise. The request body is
 * written as text around the image (transformers.ts) and has no type here.
 */

/** `data.image_quality`: a flag per check (true = the problem was found) and scores for some. */
export interface VerihubsImageQuality {
  blur?: boolean | string | null;
  dark?: boolean | string | null;
  flashlight?: boolean | string | null;
  grayscale?: boolean | string | null;
  /** Higher is blurrier (the documented sample has blur true at 99.35). */
  blur_score?: number | string | null;
  /** Higher is darker. */
  dark_score?: number | string | null;
  /** Not in the documented sample; read when present. */
  flashlight_score?: number | string | null;
  /** Not in the documented sample; read when present. */
  grayscale_score?: number | string | null;
}

/** `data` of an HTTP 200 answer. */
export interface VerihubsIdForgeryData {
  reference_id?: string | null;
  /** true = the KTP image is not genuine. Absent when quality validation stopped the check. */
  forgery?: boolean | string | null;
  image_quality?: VerihubsImageQuality | null;
}

/** An HTTP 200 answer: a verdict, with `error_code` FAIL_ON_1 / FAIL_ON_2 on a negative one. */
export interface VerihubsIdForgeryResponse {
  /** Billing status (FRG-1, FRG-2, FRG-3). */
  status_code?: string | null;
  message?: string | null;
  error_code?: string | null;
  data?: VerihubsIdForgeryData | null;
}

/**
 * An error answer (400, 401, 403, 500). The page shows the code in `error_code` (403 sample), in
 * `data.message` (400 sample, "BAD_PAYLOAD") or not at all (401, 500 samples).
 */
export interface VerihubsErrorResponse {
  message?: string | null;
  error_code?: string | null;
  data?: { message?: string | null } | null;
}
