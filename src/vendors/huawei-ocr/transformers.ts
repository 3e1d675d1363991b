import { toAsciiDigits } from '../../signals/digits';
import { emptyOutcome, type OcrField, type VendorOutcome } from '../../signals/model';
import { ocrField } from '../../signals/ocr-field';
import { BodyParts } from '../body-parts';
import { unreadableBody } from '../guard-call';
import { huaweiErrorMessage, knownHuaweiErrorCode } from './error-codes';
import { parseHuaweiAnswer, type WrongType } from './parse-answer';
import { HUAWEI_MACHINE_CODE_FIELDS, type HuaweiCambodianIdCardRequest, type HuaweiCambodianIdCardResult, type HuaweiCardTextField } from './types';
import { huaweiVerdicts } from './verdicts';

const VENDOR = 'HUAWEI_OCR' as const;

/**
 * Card field → canonical field name. `nationality` is deliberately absent: the Cambodian card does
 * not print it and the API does not return it, so the gateway never invents one.
 */
const FIELD_NAMES: ReadonlyArray<readonly [HuaweiCardTextField, string]> = [
  ['id_number', 'idNumber'],
  ['name_en', 'fullName'],
  ['name_kh', 'localName'],
  ['birth_date', 'birthDate'],
  ['sex', 'sex'],
  ['address', 'address'],
  ['issue_date', 'issueDate'],
  ['expiry_date', 'expiryDate'],
  ['height', 'height'],
  ['birth_place', 'birthPlace'],
  ['description', 'description'],
];

/** Fields whose normalised value has Khmer digits turned into ASCII (the raw text keeps them). */
const DIGIT_FIELDS = new Set(['idNumber', 'height']);

/** What the request carries: the image's base64, or an OBS URL the vendor fetches itself (obs-url.ts). */
export type HuaweiImageInput = { kind: 'base64'; base64: string } | { kind: 'obs'; url: string };

/**
 * The OCR request body. The card type is always asked for (it carries the photocopy verdict); the
 * portrait is not, because the gateway keeps no images. A base64 image is spliced in as-is: it holds
 * only base64 characters (checked before), and copying a multi-megabyte string through
 * JSON.stringify is avoided.
 */
export function toRequestBody(image: HuaweiImageInput): string {
  return toRequestParts(image).toString();
}

/** The same body as parts around the caller's base64, sent without copying the image. */
export function toRequestParts(image: HuaweiImageInput): BodyParts {
  if (image.kind === 'base64') return new BodyParts(['{"image":"', image.base64, '","return_idcard_type":true}']);
  const body: HuaweiCambodianIdCardRequest = { url: image.url, return_idcard_type: true };
  return new BodyParts([JSON.stringify(body)]);
}

/**
 * Maps one OCR answer to the canonical outcome. An `error_code` anywhere (400, 401, 5xx, even 200)
 * is FAILED with the code kept; a 2xx `result` is OK with a verdict for OCR and DOCUMENT
 * (verdicts.ts); anything else is an unreadable body. `requestId` is the gateway's X-Request-Id
 * header, kept as the reference.
 */
export function toOutcome(httpStatus: number, body: unknown, requestId: string | null): VendorOutcome {
  const answer = parseHuaweiAnswer(httpStatus, body);
  let outcome: VendorOutcome;
  switch (answer.kind) {
    case 'error':
      outcome = huaweiErrorOutcome(answer.body.error_code);
      break;
    case 'result':
      outcome = resultOutcome(answer.result, answer.wrongType);
      break;
    case 'unreadable':
      outcome = unreadableBody(VENDOR, httpStatus);
      break;
  }
  outcome.result.reference = requestId;
  return outcome;
}

/** FAILED with the vendor's code: documented codes keep their documented spelling and get our text. */
function huaweiErrorOutcome(code: string): VendorOutcome {
  const known = knownHuaweiErrorCode(code);
  if (known === null) return emptyOutcome(VENDOR, 'FAILED', code.trim(), 'vendor answered with an undocumented error code');
  return emptyOutcome(VENDOR, 'FAILED', known, huaweiErrorMessage(known));
}

function resultOutcome(result: HuaweiCambodianIdCardResult, wrongType: readonly WrongType[]): VendorOutcome {
  const outcome = emptyOutcome(VENDOR, 'OK');
  const confidence = result.confidence ?? null;
  outcome.fields = FIELD_NAMES.map(([wire, name]) => ocrField(name, result[wire], confidenceOf(confidence, wire), VENDOR))
    .filter((field): field is OcrField => field !== null)
    .map(withAsciiDigits);
  outcome.mrz = mrzLines(result);
  const { verdicts, forgery } = huaweiVerdicts(result, wrongType, outcome.fields, canonicalName);
  outcome.verdicts = verdicts;
  outcome.forgery = forgery;
  if (forgery.length > 0) outcome.result.message = 'the card is a copy of the original';
  return outcome;
}

/** A confidence in the documented 0..1, else none (a percentage is not the documented scale). */
function confidenceOf(confidence: Record<string, number> | null, wire: string): number | null {
  const score = confidence?.[wire];
  return score !== undefined && score >= 0 && score <= 1 ? score : null;
}

function canonicalName(wire: string): string | undefined {
  return FIELD_NAMES.find(([name]) => name === wire)?.[1];
}

function withAsciiDigits(field: OcrField): OcrField {
  if (!DIGIT_FIELDS.has(field.name) || field.value === null) return field;
  return { ...field, value: toAsciiDigits(field.value) };
}

/** machine_code1..3 as read (trimmed); null when the vendor read no MRZ line at all. */
function mrzLines(result: HuaweiCambodianIdCardResult): string[] | null {
  const lines = HUAWEI_MACHINE_CODE_FIELDS.map((name) => result[name]?.trim() ?? '').filter((line) => line !== '');
  return lines.length > 0 ? lines : null;
}
