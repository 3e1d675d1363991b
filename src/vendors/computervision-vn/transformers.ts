import { BodyParts } from '../body-parts';
import { unreadableBody } from '../guard-call';
import { toRecord, toText } from '../../signals/lenient';
import { emptyOutcome, type ForgeryKind, type ForgerySignal, type OcrField, type VendorOutcome } from '../../signals/model';
import { normaliseCode, readInvalidCodes } from './codes';
import { readVerdictBoolean } from '../../signals/verdict-boolean';
import { infoFields, infoMrz } from './info-fields';
import {
  COMPUTERVISION_VN_ERROR_CODES,
  COMPUTERVISION_VN_WARNING_CODES,
  type ComputervisionVnDocument,
  type ComputervisionVnErrorCode,
  type ComputervisionVnResponse,
  type ComputervisionVnWarningCode,
} from './types';
import { itemVerdicts, missingSideVerdict, noDocumentVerdicts } from './verdicts';
import { unreachable } from '../unreachable';
import { COMPUTERVISION_VN_PATHS } from './paths';

const VENDOR = 'COMPUTERVISION_VN';

/** What the client sends: method, documented path and query, and for POST the serialised JSON body. */
export type ComputervisionVnCall = { method: 'GET'; path: string; query: Record<string, string> } | { method: 'POST'; path: string; query: Record<string, string>; body: string };

/**
 * The documented GET form for images given as URLs: `img` (one side) or `img1` + `img2` (two sides),
 * `format_type=url`, no aligned thumbnail.
 */
export function toUrlCall(frontUrl: string, backUrl: string | null): ComputervisionVnCall {
  if (backUrl === null) {
    return { method: 'GET', path: COMPUTERVISION_VN_PATHS.card, query: { img: frontUrl, format_type: 'url', get_thumb: 'false' } };
  }
  return {
    method: 'GET',
    path: COMPUTERVISION_VN_PATHS.cards,
    query: { img1: frontUrl, img2: backUrl, format_type: 'url', get_thumb: 'false' },
  };
}

/**
 * The documented JSON form for base64 images. The images hold only base64 characters (checked before
 * any adapter sees them), so the body is written around them without copying them into a structure.
 */
export function toBase64Call(frontBase64: string, backBase64: string | null): ComputervisionVnCall {
  const { parts, ...call } = toBase64Parts(frontBase64, backBase64);
  return { ...call, body: parts.toString() };
}

/** The same call with its body as parts around the caller's base64, sent without copying the images. */
export function toBase64Parts(frontBase64: string, backBase64: string | null): { method: 'POST'; path: string; query: Record<string, string>; parts: BodyParts } {
  const query = { format_type: 'base64', get_thumb: 'false' };
  if (backBase64 === null) {
    return { method: 'POST', path: COMPUTERVISION_VN_PATHS.card, query, parts: new BodyParts(['{"img":"', frontBase64, '"}']) };
  }
  return { method: 'POST', path: COMPUTERVISION_VN_PATHS.cards, query, parts: new BodyParts(['{"img1":"', frontBase64, '","img2":"', backBase64, '"}']) };
}

function isErrorCode(code: string): code is ComputervisionVnErrorCode {
  return (COMPUTERVISION_VN_ERROR_CODES as readonly string[]).includes(code);
}

function isWarningCode(code: string): code is ComputervisionVnWarningCode {
  return (COMPUTERVISION_VN_WARNING_CODES as readonly string[]).includes(code);
}

/** The envelope code's meaning (the page's error code table); "0" is the only success. */
function describeErrorCode(code: ComputervisionVnErrorCode): { ok: boolean; message: string } {
  switch (code) {
    case '0':
      return { ok: true, message: 'Success' };
    case '1':
      return { ok: false, message: 'The photo does not contain content' };
    case '2':
      return { ok: false, message: 'Url is unavailable' };
    case '3':
      return { ok: false, message: 'Incorrect image format' };
    case '4':
      return { ok: false, message: 'Out of requests' };
    case '5':
      return { ok: false, message: 'Incorrect api_key or api_secret' };
    case '6':
      return { ok: false, message: 'Incorrect format type' };
    default:
      return unreachable(code);
  }
}

/** A document warning's forgery kind and the page's text for it (warning code table); "0" is clean. */
function describeWarningCode(code: ComputervisionVnWarningCode): { kind: ForgeryKind; text: string } | null {
  switch (code) {
    case '0':
      return null;
    case '1':
      return { kind: 'SCREEN_CAPTURE', text: 'Photo contains sign of being taken through an electronic screen' };
    case '2':
      return { kind: 'PHOTOCOPY', text: 'The picture is a photocopy version of the id card' };
    case '3':
      return { kind: 'ID_FORMAT_INVALID', text: 'The id field on the document is incorrectly formatted' };
    case '5':
      return { kind: 'CORNER_CLIPPED', text: "The id card's corner has been clipped" };
    case '6':
      return { kind: 'CORNER_MISSING', text: "The id card's corner has been missing" };
    default:
      return unreachable(code);
  }
}

function isBackSide(type: string | null): boolean {
  return type !== null && /_back$/i.test(type.trim());
}

interface DocumentReading {
  fields: OcrField[];
  mrz: string[] | null;
  warnings: string[];
  /** The vendor said `valid: false` without any code it documents. */
  invalidWithoutCode: boolean;
}

function readDocument(item: unknown): DocumentReading {
  const doc: ComputervisionVnDocument = toRecord(item) ?? {};
  const info = toRecord(doc.info) ?? {};
  const warnings = readInvalidCodes(doc.invalidCode) ?? [];
  const valid = readVerdictBoolean(doc.valid);
  return {
    fields: infoFields(info, VENDOR),
    mrz: infoMrz(info),
    warnings,
    invalidWithoutCode: valid === false && warnings.every((code) => code === '0'),
  };
}

/**
 * Maps one answer of either endpoint to the canonical outcome.
 *
 * OK only for envelope code "0" on a 2xx: the documents found are a verdict, their warnings
 * (screen, photocopy, ID format, clipped or missing corner) becoming forgery signals while the status
 * stays OK. Each document gives a DOCUMENT and an OCR verdict (verdicts.ts; docs/vendors.md): `valid`
 * False is FAILED whatever its code, and only `valid` True with `invalidCode` 0 is PASSED. Every other documented code is FAILED with the code kept; an undocumented code is FAILED
 * too. A 4xx/5xx without a documented code is FAILED as `HTTP_<status>`; a 2xx that is not the
 * documented envelope is unreadable. The answer carries no call id, so `reference` is whatever the
 * client found in a request-id header.
 *
 * With warnings, `errorCode` is `invalidCode=<codes>` (the vendor's per-document codes, prefixed so
 * they are never read as the envelope's codes of the same digits) and `message` the page's texts;
 * an undocumented warning code is noted there and raises no signal.
 *
 * With `sides` 2 (the two-sided call, front and back sent) an answer without a front or without a
 * back document has not judged one of the sides sent: an extra DOCUMENT verdict UNCLEAR says so.
 *
 * Fields from several documents merge with the front side's first: a field name read on the front is
 * not replaced by the back's reading of it (chip cards repeat birth date, sex and expiry on the back).
 */
export function toOutcome(httpStatus: number, body: unknown, reference: string | null = null, sides: 1 | 2 = 1): VendorOutcome {
  const envelope: ComputervisionVnResponse | null = toRecord(body);
  const code = envelope === null ? null : normaliseCode(envelope.errorCode);
  const httpError = httpStatus < 200 || httpStatus >= 300;
  if (code === null) {
    if (httpError) {
      const message = httpStatus >= 500 ? 'vendor server error' : 'vendor rejected the request';
      return emptyOutcome(VENDOR, 'FAILED', `HTTP_${httpStatus}`, message, reference);
    }
    return unreadable(httpStatus, reference);
  }
  if (!isErrorCode(code)) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'vendor answered with an undocumented error code', reference);
  }
  const meaning = describeErrorCode(code);
  if (!meaning.ok) return emptyOutcome(VENDOR, 'FAILED', code, meaning.message, reference);
  if (httpError) return emptyOutcome(VENDOR, 'FAILED', `HTTP_${httpStatus}`, 'vendor answered success on an error status', reference);
  const data = envelope!.data;
  if (data !== undefined && data !== null && !Array.isArray(data)) return unreadable(httpStatus, reference);
  const outcome = documentsOutcome(Array.isArray(data) ? data : [], reference);
  outcome.verdicts = Array.isArray(data) && data.length > 0 ? Array.from(data, itemVerdicts).flat() : noDocumentVerdicts(data);
  const missingSide = sides === 2 && Array.isArray(data) && data.length > 0 ? missingSideVerdict(data) : null;
  if (missingSide !== null) outcome.verdicts.push(missingSide);
  return outcome;
}

function unreadable(httpStatus: number, reference: string | null): VendorOutcome {
  const outcome = unreadableBody(VENDOR, httpStatus);
  outcome.result.reference = reference;
  return outcome;
}

function documentsOutcome(items: unknown[], reference: string | null): VendorOutcome {
  const ordered = items
    .map((item, index) => ({ item, index, back: isBackSide(toText(toRecord(item)?.type ?? null)) }))
    .sort((a, b) => Number(a.back) - Number(b.back) || a.index - b.index)
    .map(({ item }) => readDocument(item));

  const outcome = emptyOutcome(VENDOR, 'OK', '0', 'Success', reference);
  const seen = new Set<string>();
  const notes: string[] = [];
  const noted = new Set<string>();
  const kinds = new Set<ForgeryKind>();
  let invalidWithoutCode = false;

  for (const doc of ordered) {
    for (const field of doc.fields) {
      if (seen.has(field.name)) continue;
      seen.add(field.name);
      outcome.fields.push(field);
    }
    if (outcome.mrz === null && doc.mrz !== null) outcome.mrz = doc.mrz;
    invalidWithoutCode ||= doc.invalidWithoutCode;
    for (const warning of doc.warnings) {
      if (warning === '0' || noted.has(warning)) continue;
      noted.add(warning);
      if (!isWarningCode(warning)) {
        notes.push(`undocumented warning code ${warning}`);
        continue;
      }
      const meaning = describeWarningCode(warning);
      if (meaning === null) continue;
      notes.push(meaning.text);
      if (kinds.has(meaning.kind)) continue;
      kinds.add(meaning.kind);
      const signal: ForgerySignal = { kind: meaning.kind, vendor: VENDOR, detail: meaning.text };
      outcome.forgery.push(signal);
    }
  }

  if (noted.size > 0) {
    outcome.result.errorCode = `invalidCode=${[...noted].join(',')}`;
    outcome.result.message = notes.join('; ');
  } else if (invalidWithoutCode) {
    outcome.result.message = 'vendor marked the document invalid without a documented warning code';
  }
  return outcome;
}
