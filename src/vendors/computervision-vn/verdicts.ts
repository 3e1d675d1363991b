import { toNumber, toRecord } from '../../signals/lenient';
import type { CheckVerdict, Verdict, VerdictCheck } from '../../signals/model';
import { rawVerdictValue, RAW_VERDICT_MAX } from '../../signals/raw-verdict-value';
import { readInvalidCodes } from './codes';
import { readVerdictBoolean } from '../../signals/verdict-boolean';
import { COMPUTERVISION_VN_DOCUMENT_TYPES, type ComputervisionVnDocument } from './types';

const VENDOR = 'COMPUTERVISION_VN' as const;
const DOCUMENT_TYPES: ReadonlySet<string> = new Set(COMPUTERVISION_VN_DOCUMENT_TYPES);

/** `info` keys that carry no reading: boxes, images and the MRZ (kept, not judged here). */
const UNJUDGED_KEY = /^(image|thumb|mrz)$|_box$/;
const CONFIDENCE_KEY = /(^|_)confidence$/;

function verdictOf(check: VerdictCheck, verdict: Verdict, field: string, raw: string | null): CheckVerdict {
  return { vendor: VENDOR, check, verdict, field, raw };
}

/**
 * The DOCUMENT verdict of one document, from `valid` and `invalidCode` together:
 * - `valid` False is FAILED whatever the code (0, absent, documented or not); the raw value is the
 *   non-zero codes when there are any, else `valid` itself;
 * - `valid` True is PASSED only with `invalidCode` 0: True with no code is UNCLEAR (`invalidCode` is
 *   part of the documented verdict), True with a non-zero code contradicts itself (UNCLEAR);
 * - `valid` absent (PDF input, several documents in one image), null or any other word: UNCLEAR.
 */
function documentVerdict(doc: ComputervisionVnDocument, at: string): CheckVerdict {
  const valid = readVerdictBoolean(doc.valid);
  const codes = readInvalidCodes(doc.invalidCode);
  const warnings = (codes ?? [])
    .filter((code) => code !== '0')
    .join(',')
    .slice(0, RAW_VERDICT_MAX);
  if (valid === false) {
    return warnings !== '' ? verdictOf('DOCUMENT', 'FAILED', `${at}.invalidCode`, warnings) : verdictOf('DOCUMENT', 'FAILED', `${at}.valid`, rawVerdictValue(doc.valid));
  }
  if (valid === null) return verdictOf('DOCUMENT', 'UNCLEAR', `${at}.valid`, rawVerdictValue(doc.valid));
  if (codes === null || codes.length === 0) return verdictOf('DOCUMENT', 'UNCLEAR', `${at}.invalidCode`, rawVerdictValue(doc.invalidCode));
  if (warnings !== '') return verdictOf('DOCUMENT', 'UNCLEAR', `${at}.invalidCode`, warnings);
  return verdictOf('DOCUMENT', 'PASSED', `${at}.valid`, rawVerdictValue(doc.valid));
}

/**
 * The OCR verdict of one document: PASSED when `type` is one the page lists and `info` is an object
 * whose readings are all text or numbers (or null: a field not read, for the policy to judge) and
 * whose confidences are numbers in 0..100. Anything else is UNCLEAR, naming the first field at fault.
 */
function ocrVerdict(doc: ComputervisionVnDocument, at: string): CheckVerdict {
  const type = typeof doc.type === 'string' ? doc.type.trim().toLowerCase() : null;
  if (type === null || !DOCUMENT_TYPES.has(type)) return verdictOf('OCR', 'UNCLEAR', `${at}.type`, rawVerdictValue(doc.type));
  const info = toRecord(doc.info);
  if (info === null) return verdictOf('OCR', 'UNCLEAR', `${at}.info`, doc.info === undefined || doc.info === null ? null : kindOf(doc.info));
  for (const [key, value] of Object.entries(info)) {
    if (UNJUDGED_KEY.test(key) || readable(key, value)) continue;
    return verdictOf('OCR', 'UNCLEAR', `${at}.info.${key}`, CONFIDENCE_KEY.test(key) ? rawVerdictValue(value) : kindOf(value));
  }
  return verdictOf('OCR', 'PASSED', `${at}.type`, type);
}

function readable(key: string, value: unknown): boolean {
  if (value === null) return true;
  if (CONFIDENCE_KEY.test(key)) {
    const confidence = toNumber(value);
    return confidence !== null && confidence >= 0 && confidence <= 100;
  }
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** A reading's kind only: OCR text is personal data and never goes into a verdict. */
function kindOf(value: unknown): string {
  return Array.isArray(value) ? '(list)' : value === undefined ? '(absent)' : `(${typeof value})`;
}

/** Both verdicts of one `data` item: one that is not an object is UNCLEAR on both checks. */
export function itemVerdicts(item: unknown, index: number): CheckVerdict[] {
  const at = `data[${index}]`;
  const doc = toRecord(item) as ComputervisionVnDocument | null;
  if (doc === null) {
    // A document that is no object is named by its kind: it may hold the document's text.
    const raw = item === null ? null : kindOf(item);
    return [verdictOf('DOCUMENT', 'UNCLEAR', at, raw), verdictOf('OCR', 'UNCLEAR', at, raw)];
  }
  return [documentVerdict(doc, at), ocrVerdict(doc, at)];
}

/** A success envelope that found no document says nothing of either check. */
export function noDocumentVerdicts(data: unknown): CheckVerdict[] {
  const raw = rawVerdictValue(data);
  return [verdictOf('DOCUMENT', 'UNCLEAR', 'data', raw), verdictOf('OCR', 'UNCLEAR', 'data', raw)];
}

/**
 * For the two-sided call: UNCLEAR when the documents found hold no back side (`type` ending in
 * `_back`) or nothing else (the front), since one of the images sent was then not judged; else null.
 */
export function missingSideVerdict(items: readonly unknown[]): CheckVerdict | null {
  const backs = items.map((item) => {
    const type = toRecord(item)?.type;
    return typeof type === 'string' && /_back$/i.test(type.trim());
  });
  if (!backs.includes(true)) return verdictOf('DOCUMENT', 'UNCLEAR', 'data', 'no back side');
  if (!backs.includes(false)) return verdictOf('DOCUMENT', 'UNCLEAR', 'data', 'no front side');
  return null;
}
