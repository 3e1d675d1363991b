import { toArray, toCode, toNumber, toRecord, toText } from '../../signals/lenient';
import { emptyOutcome, type LandmarkScore, type QualityKind, type QualitySignal, type Vendor, type VendorOutcome } from '../../signals/model';
import { BodyParts } from '../body-parts';
import { unreadableBody } from '../guard-call';
import type { Innov8tifKhIdBackResponse } from './types';
import { checkWord, innov8tifVerdicts } from './verdicts';
import { unreachable } from '../unreachable';

const VENDOR: Vendor = 'INNOV8TIF';

/**
 * The `messageCode` values the gateway knows. Only `api.success` is documented by the vendor; its
 * page shows no error answer, so the error codes below are the ones this gateway assumes (and its
 * simulator plays), in the vendor's own `api.<name>` style. Any other code is FAILED with the code
 * kept, so a real code we did not foresee is reported, never swallowed.
 */
export const INNOV8TIF_MESSAGE_CODES = ['api.success', 'api.unauthorized', 'api.invalid.request', 'api.invalid.image', 'api.internal.error'] as const;
export type Innov8tifMessageCode = (typeof INNOV8TIF_MESSAGE_CODES)[number];

/** The analysis methods the page documents; any other method in `methodList` is ignored. */
export const INNOV8TIF_METHODS = ['landmark', 'idBlurDetection', 'idBrightnessDetc', 'colorMode'] as const;
export type Innov8tifMethodName = (typeof INNOV8TIF_METHODS)[number];

/** The `status` of an answer that carries a verdict. */
const SUCCESS_STATUS = 'SUCCESS';

/**
 * The request body, built as text around the caller's base64 so a multi-megabyte image is not
 * copied again by JSON.stringify. `imageBase64` must already hold only base64 characters.
 */
export function toRequestBody(caseNo: string, apiKey: string, imageBase64: string): string {
  return toRequestParts(caseNo, apiKey, imageBase64).toString();
}

/** The same body as parts around the caller's base64, sent without copying the image. */
export function toRequestParts(caseNo: string, apiKey: string, imageBase64: string): BodyParts {
  return new BodyParts([`{"caseNo":${JSON.stringify(caseNo)},"apiKey":${JSON.stringify(apiKey)},"idImageBase64Image":"`, imageBase64, '"}']);
}

/**
 * Maps one OkayDoc answer to the canonical outcome. OK only when the vendor says `success` /
 * `api.success` over a 2xx status: it then gave its analysis (low landmark scores or a failed check
 * are still OK, carried as signals for the policy, with a verdict per method: verdicts.ts). Every
 * other answer is FAILED with the vendor's code kept; a body that is not the documented JSON
 * envelope is FAILED as unreadable. Never throws.
 */
export function toOutcome(httpStatus: number, body: unknown): VendorOutcome {
  const envelope = toRecord(body) as Innov8tifKhIdBackResponse | null;
  if (envelope === null) return unreadableBody(VENDOR, httpStatus);
  // A numeric `status` (a web server's own error page) is not the vendor's envelope.
  const rawStatus = typeof envelope.status === 'string' ? envelope.status.trim() || null : null;
  const status = toCode(rawStatus);
  const rawCode = toText(envelope.messageCode)?.trim() || null;
  if (status === null && rawCode === null) return unreadableBody(VENDOR, httpStatus);
  const reference = toText(envelope.id)?.trim() || null;
  const httpOk = httpStatus >= 200 && httpStatus < 300;

  // An envelope without a messageCode is read by its status alone.
  const code = rawCode ?? (status === SUCCESS_STATUS ? 'api.success' : null);
  if (code === null) {
    return emptyOutcome(VENDOR, 'FAILED', rawStatus ?? `HTTP_${httpStatus}`, 'OkayDoc answered with an error and no message code', reference);
  }
  const known = knownCode(code);
  if (known === null) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'OkayDoc answered with an unknown message code', reference);
  }
  const message = messageFor(known);
  if (known !== 'api.success') return emptyOutcome(VENDOR, 'FAILED', code, message, reference);
  // A status or code of another type, or an empty status, beside api.success is no verdict either.
  const odd = !isTextOrAbsent(envelope.status) || !isTextOrAbsent(envelope.messageCode) || (typeof envelope.status === 'string' && rawStatus === null);
  if (!httpOk || odd || (status !== null && status !== SUCCESS_STATUS)) {
    // A success code inside an error status (or an error HTTP status) is not a verdict to trust.
    return emptyOutcome(VENDOR, 'FAILED', httpOk ? (rawStatus ?? code) : `HTTP_${httpStatus}`, 'OkayDoc answered with a contradictory status', reference);
  }
  const outcome = emptyOutcome(VENDOR, 'OK', null, message, reference);
  readMethods(envelope.methodList, outcome.landmarks, outcome.quality);
  outcome.verdicts = innov8tifVerdicts(envelope.methodList);
  return outcome;
}

function isTextOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** The known code matching `code` in any case, or null. */
function knownCode(code: string): Innov8tifMessageCode | null {
  const lower = code.toLowerCase();
  return INNOV8TIF_MESSAGE_CODES.find((c) => c === lower) ?? null;
}

/** Our short text for each code (never the vendor's runtime message). */
function messageFor(code: Innov8tifMessageCode): string {
  switch (code) {
    case 'api.success':
      return 'OkayDoc analysed the back of the ID card';
    case 'api.unauthorized':
      return 'OkayDoc rejected the API key';
    case 'api.invalid.request':
      return 'OkayDoc rejected the request: a required field is missing or malformed';
    case 'api.invalid.image':
      return 'OkayDoc could not read the ID card image';
    case 'api.internal.error':
      return 'OkayDoc had an internal error';
    default:
      return unreachable(code);
  }
}

/** Collects landmark scores and quality checks from `methodList`; unknown methods are skipped. */
function readMethods(methodList: unknown, landmarks: LandmarkScore[], quality: QualitySignal[]): void {
  for (const item of toArray(methodList)) {
    const method = toRecord(item);
    if (method === null) continue;
    const name = knownMethod(toText(method.method));
    if (name === null) continue;
    const components = toArray(method.componentList)
      .map(toRecord)
      .filter((c): c is Record<string, unknown> => c !== null);
    switch (name) {
      case 'landmark':
        for (const component of components) {
          const landmark = toLandmark(component);
          if (landmark) landmarks.push(landmark);
        }
        break;
      case 'idBlurDetection':
        pushCheck(quality, 'BLUR', name, components);
        break;
      case 'idBrightnessDetc':
        pushCheck(quality, 'BRIGHTNESS', name, components);
        break;
      case 'colorMode':
        pushCheck(quality, 'COLOR_MODE', name, components);
        break;
      default:
        unreachable(name);
    }
  }
}

function knownMethod(method: string | null): Innov8tifMethodName | null {
  if (method === null) return null;
  const lower = method.trim().toLowerCase();
  return INNOV8TIF_METHODS.find((m) => m.toLowerCase() === lower) ?? null;
}

/** A landmark with a numeric score; one without a code or a readable score says nothing. */
function toLandmark(component: Record<string, unknown>): LandmarkScore | null {
  const code = toText(component.code)?.trim() || null;
  const score = toNumber(component.value);
  if (code === null || score === null) return null;
  const label = toText(component.label)?.trim() || code;
  return { code, label, score, vendor: VENDOR };
}

/**
 * One quality signal per check the vendor reported: the component named after the method (else the
 * first one) decides Pass / Fail. A check whose value is neither is not reported (its verdict is
 * UNCLEAR, verdicts.ts).
 */
function pushCheck(quality: QualitySignal[], kind: QualityKind, method: Innov8tifMethodName, components: Record<string, unknown>[]): void {
  const own = components.find((c) => toText(c.code)?.trim().toLowerCase() === method.toLowerCase()) ?? components[0];
  const verdict = own ? checkWord(own.value) : 'UNCLEAR';
  if (verdict === 'UNCLEAR') return;
  quality.push({ kind, passed: verdict === 'PASSED', score: null, vendor: VENDOR });
}
