import { toCode, toNumber, toRecord, toText } from '../../signals/lenient';
import { emptyOutcome, type ForgerySignal, type QualityKind, type QualitySignal, type VendorOutcome } from '../../signals/model';
import { BodyParts } from '../body-parts';
import { unreadableBody } from '../guard-call';
import { readVerdictBoolean } from '../../signals/verdict-boolean';
import type { ImageRef } from '../vendor';
import type { VerihubsErrorResponse, VerihubsIdForgeryData, VerihubsIdForgeryResponse, VerihubsImageQuality } from './types';
import { verihubsVerdicts } from './verdicts';
import { unreachable } from '../unreachable';

const VENDOR = 'VERIHUBS' as const;

/**
 * Every code the gateway can receive from Verihubs ID Forgery. FAIL_ON_1 / FAIL_ON_2 are verdicts
 * (HTTP 200); the rest are errors. BAD_PAYLOAD is the code the page's own 400 sample carries.
 * UNAUTHORIZED is ours: the documented 401 body (`{"message":"Authorization failed"}`) has no code,
 * and policies need one to tell a credential problem from a vendor outage.
 */
export const VERIHUBS_CODES = [
  'FAIL_ON_1',
  'FAIL_ON_2',
  'INVALID_PAYLOAD',
  'INVALID_PAYLOAD_IMAGE_MISSING',
  'INVALID_PAYLOAD_IMAGE_SIZE',
  'INVALID_PAYLOAD_IMAGE_FORMAT',
  'INVALID_PAYLOAD_IMAGE_TIMEOUT',
  'MISSING_PAYLOAD_IMAGE',
  'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY',
  'BAD_PAYLOAD',
  'UNAUTHORIZED',
  'INSUFFICIENT_QUOTA',
  'INTERNAL_SERVER_ERROR',
] as const;
export type VerihubsCode = (typeof VERIHUBS_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(VERIHUBS_CODES);

/** The quality checks the vendor reports, each with its flag (true = problem found) and score. */
const QUALITY_CHECKS: ReadonlyArray<{ kind: QualityKind; flag: keyof VerihubsImageQuality; score: keyof VerihubsImageQuality }> = [
  { kind: 'BLUR', flag: 'blur', score: 'blur_score' },
  { kind: 'DARK', flag: 'dark', score: 'dark_score' },
  { kind: 'FLASHLIGHT', flag: 'flashlight', score: 'flashlight_score' },
  { kind: 'GRAYSCALE', flag: 'grayscale', score: 'grayscale_score' },
];

/**
 * The request body: always asks for quality (`is_quality`) and for quality validation
 * (`validate_quality`), so a bad image comes back as the FAIL_ON_1 verdict with every check scored.
 * A base64 image is placed into the JSON text as it is (it holds only [A-Za-z0-9+/=]).
 */
export function toRequestBody(image: ImageRef): string {
  return toRequestParts(image).toString();
}

/** The same body as parts around the caller's base64, sent without copying the image. */
export function toRequestParts(image: ImageRef): BodyParts {
  const flags = JSON.stringify({ is_quality: true, validate_quality: true }).slice(1);
  if (image.kind === 'base64') return new BodyParts(['{"image":"', image.base64, `",${flags}`]);
  return new BodyParts([`{"image":${JSON.stringify(image.url)},${flags}`]);
}

/**
 * Maps one Verihubs answer to the canonical outcome. A verdict (HTTP 2xx with no code, FAIL_ON_1 or
 * FAIL_ON_2) is OK with its signals; every other code is FAILED with the code kept; a body that is not
 * a JSON object, or whose `error_code` is neither text nor a number, is unreadable. Never throws.
 */
export function toOutcome(httpStatus: number, json: unknown): VendorOutcome {
  const body = toRecord(json) as (VerihubsIdForgeryResponse & VerihubsErrorResponse) | null;
  if (body === null) return unreadableBody(VENDOR, httpStatus);
  // An error_code that is no code at all (an object, a list, a boolean) is not the documented answer.
  const errorCode: unknown = body.error_code;
  if (errorCode !== undefined && errorCode !== null && typeof errorCode !== 'string' && typeof errorCode !== 'number') {
    return unreadableBody(VENDOR, httpStatus);
  }
  const data = toRecord(body.data);
  const reference = toText(data?.reference_id);
  const code = readCode(httpStatus, body, data);

  if (code === null) return verdict(httpStatus, data as VerihubsIdForgeryData | null, null, reference);
  if (!KNOWN_CODES.has(code)) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'Verihubs answered with an undocumented code', reference);
  }
  const known = code as VerihubsCode;
  const meaning = describeVerihubsCode(known);
  if (known === 'FAIL_ON_1' || known === 'FAIL_ON_2') return verdict(httpStatus, data as VerihubsIdForgeryData | null, known, reference);
  return emptyOutcome(VENDOR, 'FAILED', known, meaning.message, reference);
}

/** What each code means to the gateway: a verdict (OK) or an error (FAILED), with our short text. */
export function describeVerihubsCode(code: VerihubsCode): { status: 'OK' | 'FAILED'; message: string } {
  switch (code) {
    case 'FAIL_ON_1':
      return { status: 'OK', message: 'KTP image failed the quality checks' };
    case 'FAIL_ON_2':
      return { status: 'OK', message: 'KTP forgery detected' };
    case 'INVALID_PAYLOAD':
      return { status: 'FAILED', message: 'request payload was empty or invalid' };
    case 'INVALID_PAYLOAD_IMAGE_MISSING':
      return { status: 'FAILED', message: 'image is not standard base64 or a URL, or is empty' };
    case 'INVALID_PAYLOAD_IMAGE_SIZE':
      return { status: 'FAILED', message: 'image is too large' };
    case 'INVALID_PAYLOAD_IMAGE_FORMAT':
      return { status: 'FAILED', message: 'image could not be decoded or fetched, or has an invalid extension' };
    case 'INVALID_PAYLOAD_IMAGE_TIMEOUT':
      return { status: 'FAILED', message: 'image URL could not be fetched within 15 seconds' };
    case 'MISSING_PAYLOAD_IMAGE':
      return { status: 'FAILED', message: 'image missing from the payload' };
    case 'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY':
      return { status: 'FAILED', message: 'validate_quality requires is_quality' };
    case 'BAD_PAYLOAD':
      return { status: 'FAILED', message: 'request payload failed validation' };
    case 'UNAUTHORIZED':
      return { status: 'FAILED', message: 'authorization failed (App-ID or API-Key)' };
    case 'INSUFFICIENT_QUOTA':
      return { status: 'FAILED', message: 'Verihubs quota is not sufficient' };
    case 'INTERNAL_SERVER_ERROR':
      return { status: 'FAILED', message: 'Verihubs internal server error' };
    default:
      return unreachable(code);
  }
}

/** A whole-token code such as INSUFFICIENT_QUOTA, as opposed to prose ("Invalid Payload"). */
const CODE_TOKEN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** Prose fields only count as a code when they hold an underscored token. */
const UNDERSCORED_CODE_TOKEN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * The code an answer carries. 2xx: `error_code` only (a verdict's `message` is prose). Errors:
 * `error_code`, then `data.message` (the 400 sample), then `message` when it is a code token, then the
 * code the documented codeless bodies stand for (401 → UNAUTHORIZED, 500 → INTERNAL_SERVER_ERROR),
 * else HTTP_<status>.
 */
function readCode(httpStatus: number, body: VerihubsErrorResponse, data: Record<string, unknown> | null): string | null {
  const errorCode = toCode(body.error_code);
  if (httpStatus >= 200 && httpStatus < 300) return errorCode;
  if (errorCode !== null) return errorCode;
  const dataMessage = toCode(data?.message);
  if (dataMessage !== null && CODE_TOKEN.test(dataMessage)) return dataMessage;
  const message = toCode(body.message);
  if (message !== null && UNDERSCORED_CODE_TOKEN.test(message)) return message;
  if (httpStatus === 401) return 'UNAUTHORIZED';
  if (httpStatus === 500) return 'INTERNAL_SERVER_ERROR';
  return `HTTP_${httpStatus}`;
}

/**
 * A verdict: OK with a FORGED signal when the vendor says forgery (flag true or FAIL_ON_2), a
 * quality signal for every check it reported, and a DOCUMENT and a QUALITY verdict (verdicts.ts).
 * Without a code the body must carry a readable `data.forgery`, else it is not the documented answer.
 * With FAIL_ON_1 `forgery` may be absent: quality validation stopped the call before the forgery
 * check, so the DOCUMENT verdict is UNCLEAR.
 */
function verdict(httpStatus: number, data: VerihubsIdForgeryData | null, code: 'FAIL_ON_1' | 'FAIL_ON_2' | null, reference: string | null): VendorOutcome {
  const forgery = readVerdictBoolean(data?.forgery);
  if (code === null && forgery === null) {
    const unreadable = unreadableBody(VENDOR, httpStatus);
    unreadable.result.reference = reference;
    return unreadable;
  }
  const forged = forgery === true || code === 'FAIL_ON_2';
  const message = code !== null ? describeVerihubsCode(code).message : forged ? 'KTP forgery detected' : 'KTP image judged genuine';
  const outcome = emptyOutcome(VENDOR, 'OK', code, message, reference);
  if (forged) outcome.forgery = [forgerySignal(code)];
  outcome.quality = qualitySignals(toRecord(data?.image_quality) as VerihubsImageQuality | null);
  outcome.verdicts = verihubsVerdicts(code, data);
  return outcome;
}

function forgerySignal(code: string | null): ForgerySignal {
  return { kind: 'FORGED', vendor: VENDOR, detail: code ?? 'forgery flag set' };
}

/** One signal per check the vendor reported (flag readable as a boolean); passed = flag is false. */
function qualitySignals(quality: VerihubsImageQuality | null): QualitySignal[] {
  if (quality === null) return [];
  const signals: QualitySignal[] = [];
  for (const check of QUALITY_CHECKS) {
    const flagged = readVerdictBoolean(quality[check.flag]);
    if (flagged === null) continue;
    signals.push({ kind: check.kind, passed: !flagged, score: toNumber(quality[check.score]), vendor: VENDOR });
  }
  return signals;
}
