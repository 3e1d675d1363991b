import { toAsciiDigits } from '../../signals/digits';
import { toCode, toRecord, toText } from '../../signals/lenient';
import { emptyOutcome, type ForgerySignal, type OcrField, type VendorOutcome } from '../../signals/model';
import { ocrField } from '../../signals/ocr-field';
import { BodyParts } from '../body-parts';
import { unreadableBody } from '../guard-call';
import type { ImageRef } from '../vendor';
import { huaweiErrorMessage, knownHuaweiErrorCode } from './error-codes';
import { HUAWEI_IDCARD_TYPES, type HuaweiCardTextField, type HuaweiIdCardType } from './types';

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

/**
 * The OCR request body. The card type is always asked for (it carries the photocopy verdict); the
 * portrait is not, because the gateway keeps no images. A base64 image is spliced in as-is: it was
 * validated to hold only base64 characters, and copying a multi-megabyte string through
 * JSON.stringify is avoided.
 */
export function huaweiRequestBody(image: ImageRef): string {
  return huaweiRequestParts(image).toString();
}

/** The same body as parts around the caller's base64, sent without copying the image. */
export function huaweiRequestParts(image: ImageRef): BodyParts {
  if (image.kind === 'base64') return new BodyParts(['{"image":"', image.base64, '","return_idcard_type":true}']);
  return new BodyParts([`{"url":${JSON.stringify(image.url)},"return_idcard_type":true}`]);
}

/**
 * Maps one OCR answer to the canonical outcome. An `error_code` anywhere (400, 401, 5xx, even 200)
 * is FAILED with the code kept; a 2xx `result` is OK; anything else is an unreadable body.
 * `requestId` is the gateway's X-Request-Id header, kept as the reference.
 */
export function huaweiOutcome(httpStatus: number, body: unknown, requestId: string | null): VendorOutcome {
  const record = toRecord(body);
  const errorCode = record ? toText(record.error_code)?.trim() || null : null;
  let outcome: VendorOutcome;
  if (errorCode !== null) outcome = huaweiErrorOutcome(errorCode);
  else {
    const result = record ? toRecord(record.result) : null;
    outcome = httpStatus >= 200 && httpStatus < 300 && result ? resultOutcome(result) : unreadableBody(VENDOR, httpStatus);
  }
  outcome.result.reference = requestId;
  return outcome;
}

/** FAILED with the vendor's code: documented codes keep their documented spelling and get our text. */
export function huaweiErrorOutcome(code: string): VendorOutcome {
  const known = knownHuaweiErrorCode(code);
  if (known === null) return emptyOutcome(VENDOR, 'FAILED', code.trim(), 'vendor answered with an undocumented error code');
  return emptyOutcome(VENDOR, 'FAILED', known, huaweiErrorMessage(known));
}

function resultOutcome(result: Record<string, unknown>): VendorOutcome {
  const outcome = emptyOutcome(VENDOR, 'OK');
  const confidence = toRecord(result.confidence);
  outcome.fields = FIELD_NAMES.map(([wire, name]) => ocrField(name, result[wire], confidence?.[wire], VENDOR))
    .filter((field): field is OcrField => field !== null)
    .map(withAsciiDigits);
  outcome.mrz = mrzLines(result);
  const forgery = cardTypeSignal(result.idcard_type);
  if (forgery) {
    outcome.forgery.push(forgery);
    outcome.result.message = 'the card is a copy of the original';
  }
  return outcome;
}

function withAsciiDigits(field: OcrField): OcrField {
  if (!DIGIT_FIELDS.has(field.name) || field.value === null) return field;
  return { ...field, value: toAsciiDigits(field.value) };
}

/** machine_code1..3 as read (trimmed); null when the vendor read no MRZ line at all. */
function mrzLines(result: Record<string, unknown>): string[] | null {
  const lines = [result.machine_code1, result.machine_code2, result.machine_code3]
    .map((line) => toText(line)?.trim() ?? '')
    .filter((line) => line !== '');
  return lines.length > 0 ? lines : null;
}

function knownCardType(value: unknown): HuaweiIdCardType | null {
  const code = toCode(value);
  return HUAWEI_IDCARD_TYPES.find((type) => type.toUpperCase() === code) ?? null;
}

function unreachable(value: never): never {
  throw new Error(`unhandled card type ${String(value)}`);
}

/** "copy" is the vendor's photocopy verdict; "normal", absent or an unknown value adds no signal. */
function cardTypeSignal(value: unknown): ForgerySignal | null {
  const type = knownCardType(value);
  if (type === null) return null;
  switch (type) {
    case 'normal':
      return null;
    case 'copy':
      return { kind: 'PHOTOCOPY', vendor: VENDOR, detail: 'idcard_type=copy: a copy of the original card' };
    default:
      return unreachable(type);
  }
}
