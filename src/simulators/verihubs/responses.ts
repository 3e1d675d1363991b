/**
 * Canned Verihubs ID Forgery answers. Verdict bodies follow the page's 200 sample; error bodies follow
 * the page's samples for their status (400: code in `data.message`; 403: code in `error_code`; 401 and
 * 500: message only).
 */

/** What the simulated model "sees" in an image: quality flags with scores, and the forgery verdict. */
export interface VerihubsLook {
  forgery: boolean;
  blur: boolean;
  dark: boolean;
  flashlight: boolean;
  grayscale: boolean;
  /** Higher is blurrier; the vendor flags blur near the top of the scale (sample: 99.35 → blur). */
  blurScore: number;
  /** Higher is darker. */
  darkScore: number;
}

const GOOD: VerihubsLook = {
  forgery: false,
  blur: false,
  dark: false,
  flashlight: false,
  grayscale: false,
  blurScore: 12.418305,
  darkScore: 18.774102,
};

/** The looks each verdict scenario plays; scenarios not listed here play `pass`. */
export const VERIHUBS_LOOKS: Readonly<Record<string, VerihubsLook>> = {
  pass: GOOD,
  forged: { ...GOOD, forgery: true },
  blurry: { ...GOOD, blur: true, blurScore: 97.604418 },
  dark: { ...GOOD, dark: true, darkScore: 91.208537 },
  flashlight: { ...GOOD, flashlight: true },
  grayscale: { ...GOOD, grayscale: true },
};

export interface VerihubsRequestFlags {
  isQuality: boolean;
  validateQuality: boolean;
}

/**
 * A 200 verdict for a look, consistent with the request flags:
 * - `is_quality` false → no `image_quality`;
 * - `validate_quality` true and a check failed → FAIL_ON_1, billing code FRG-2 (quality only), and no
 *   `forgery` (the forgery check does not run);
 * - otherwise the forgery check runs: FAIL_ON_2 when forged; billing code FRG-3 with quality
 *   validation, FRG-1 without (the page's status-code list).
 * The success `message` ("Success") is not documented; the FAIL_ON_1 one is chosen to match the
 * sample's style.
 */
export function verdictBody(look: VerihubsLook, flags: VerihubsRequestFlags, referenceId: string): Record<string, unknown> {
  const imageQuality = flags.isQuality
    ? {
        blur: look.blur,
        dark: look.dark,
        grayscale: look.grayscale,
        blur_score: look.blurScore,
        dark_score: look.darkScore,
        flashlight: look.flashlight,
      }
    : undefined;
  const qualityFailed = look.blur || look.dark || look.flashlight || look.grayscale;
  if (flags.validateQuality && qualityFailed) {
    return {
      status_code: 'FRG-2',
      message: 'Fail on quality',
      error_code: 'FAIL_ON_1',
      data: { reference_id: referenceId, image_quality: imageQuality },
    };
  }
  const statusCode = flags.validateQuality ? 'FRG-3' : 'FRG-1';
  if (look.forgery) {
    return {
      status_code: statusCode,
      message: 'Forgery detected',
      error_code: 'FAIL_ON_2',
      data: { reference_id: referenceId, forgery: true, image_quality: imageQuality },
    };
  }
  return {
    status_code: statusCode,
    message: 'Success',
    data: { reference_id: referenceId, forgery: false, image_quality: imageQuality },
  };
}

/**
 * Verdict answers the gateway must not take for a pass, as scenarios: `fail-quality-bare` is FAIL_ON_1
 * with no `image_quality` (the page's error table, without the flags); `unclear` is a genuine-looking
 * answer whose `flashlight` flag is null.
 */
export function oddVerdictBody(scenario: string, referenceId: string): Record<string, unknown> | null {
  if (scenario === 'fail-quality-bare') {
    return { status_code: 'FRG-2', message: 'fail on quality', error_code: 'FAIL_ON_1', data: { reference_id: referenceId } };
  }
  if (scenario === 'unclear') {
    const body = verdictBody(GOOD, { isQuality: true, validateQuality: true }, referenceId);
    const data = body.data as { image_quality: Record<string, unknown> };
    data.image_quality.flashlight = null;
    return body;
  }
  return null;
}

export interface VerihubsErrorAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A documented 400 code in the shape of the page's 400 sample. */
function invalidPayload(code: string): VerihubsErrorAnswer {
  return { status: 400, body: { message: 'Invalid Payload', data: { message: code } } };
}

/** The documented 401 body; the vendor sends no code with it. */
export const UNAUTHORIZED_ANSWER: VerihubsErrorAnswer = { status: 401, body: { message: 'Authorization failed' } };

/** The documented 500 body (server-error scenario): message only. */
export const SERVER_ERROR_ANSWER: VerihubsErrorAnswer = { status: 500, body: { message: 'Internal server error' } };

/** Every documented error code, with its documented HTTP status and body. */
export const VERIHUBS_ERROR_ANSWERS = {
  INVALID_PAYLOAD: invalidPayload('INVALID_PAYLOAD'),
  INVALID_PAYLOAD_IMAGE_MISSING: invalidPayload('INVALID_PAYLOAD_IMAGE_MISSING'),
  INVALID_PAYLOAD_IMAGE_SIZE: invalidPayload('INVALID_PAYLOAD_IMAGE_SIZE'),
  INVALID_PAYLOAD_IMAGE_FORMAT: invalidPayload('INVALID_PAYLOAD_IMAGE_FORMAT'),
  INVALID_PAYLOAD_IMAGE_TIMEOUT: invalidPayload('INVALID_PAYLOAD_IMAGE_TIMEOUT'),
  MISSING_PAYLOAD_IMAGE: invalidPayload('MISSING_PAYLOAD_IMAGE'),
  INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY: invalidPayload('INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY'),
  /** The page's 400 sample, verbatim. */
  BAD_PAYLOAD: invalidPayload('BAD_PAYLOAD'),
  UNAUTHORIZED: UNAUTHORIZED_ANSWER,
  INSUFFICIENT_QUOTA: { status: 403, body: { message: 'Insufficient quota', error_code: 'INSUFFICIENT_QUOTA' } },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    body: { message: 'Internal server error', error_code: 'INTERNAL_SERVER_ERROR' },
  },
} as const satisfies Record<string, VerihubsErrorAnswer>;

export type VerihubsErrorCode = keyof typeof VERIHUBS_ERROR_ANSWERS;

export function isVerihubsErrorCode(code: string): code is VerihubsErrorCode {
  return Object.hasOwn(VERIHUBS_ERROR_ANSWERS, code);
}
