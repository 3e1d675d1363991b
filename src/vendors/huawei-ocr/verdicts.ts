import { verifyMrz } from '../../signals/mrz';
import type { CheckVerdict, ForgerySignal, OcrField, VerdictCheck } from '../../signals/model';
import type { WrongType } from './parse-answer';
import { HUAWEI_CARD_TEXT_FIELDS, HUAWEI_IDCARD_TYPES, HUAWEI_MACHINE_CODE_FIELDS, type HuaweiCambodianIdCardResult, type HuaweiIdCardType } from './types';
import { unreachable } from '../unreachable';

const VENDOR = 'HUAWEI_OCR' as const;

/**
 * Fields every Cambodian card prints and the policy decides on (the holder, the number, the age and
 * the expiry): an answer without one of them is no evidence the card was read.
 */
const HUAWEI_REQUIRED_FIELDS = ['id_number', 'name_en', 'birth_date', 'expiry_date'] as const;

/** Text fields carry personal data: their verdicts never repeat the value (raw stays null). */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set([...HUAWEI_CARD_TEXT_FIELDS, ...HUAWEI_MACHINE_CODE_FIELDS]);

/** Canonical name of each text field, as the transformer maps them (for the normalised readings). */
export type CanonicalNameOf = (wire: string) => string | undefined;

export interface HuaweiVerdicts {
  verdicts: CheckVerdict[];
  forgery: ForgerySignal[];
}

/**
 * The two checks the card OCR performs. DOCUMENT is `idcard_type`: `normal` PASSED, `copy` FAILED
 * (a PHOTOCOPY signal), anything else (absent, null, another word or type) UNCLEAR; the adapter
 * always asks for it. OCR is PASSED only when the fields came in the documented form: see
 * `ocrProblem` for everything that makes it UNCLEAR. No answer makes OCR FAILED: the vendor gives
 * no negative OCR verdict, it refuses with an error code instead.
 */
export function huaweiVerdicts(result: HuaweiCambodianIdCardResult, wrongType: readonly WrongType[], fields: readonly OcrField[], canonicalName: CanonicalNameOf): HuaweiVerdicts {
  const document = documentVerdict(result, wrongType);
  const problem = ocrProblem(result, wrongType, fields, canonicalName);
  const ocr = problem ?? verdict('OCR', 'PASSED', 'result', null);
  return { verdicts: [ocr, document.verdict], forgery: document.forgery };
}

function verdict(check: VerdictCheck, value: CheckVerdict['verdict'], field: string, raw: string | null): CheckVerdict {
  return { vendor: VENDOR, check, verdict: value, field, raw };
}

/** The value as a verdict's raw: a short text for a primitive, null for personal data or objects. */
function rawOf(field: string, value: unknown): string | null {
  if (PERSONAL_FIELDS.has(field)) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).slice(0, 64);
  return null;
}

function knownCardType(value: string): HuaweiIdCardType | null {
  const word = value.trim().toLowerCase();
  return HUAWEI_IDCARD_TYPES.find((type) => type === word) ?? null;
}

function documentVerdict(result: HuaweiCambodianIdCardResult, wrongType: readonly WrongType[]): { verdict: CheckVerdict; forgery: ForgerySignal[] } {
  const wrong = wrongType.find((w) => w.field === 'idcard_type');
  if (wrong) return { verdict: verdict('DOCUMENT', 'UNCLEAR', 'idcard_type', rawOf('idcard_type', wrong.value)), forgery: [] };
  const value = result.idcard_type;
  if (value === undefined || value === null) return { verdict: verdict('DOCUMENT', 'UNCLEAR', 'idcard_type', null), forgery: [] };
  const type = knownCardType(value);
  const raw = value.slice(0, 64);
  if (type === null) return { verdict: verdict('DOCUMENT', 'UNCLEAR', 'idcard_type', raw), forgery: [] };
  switch (type) {
    case 'normal':
      return { verdict: verdict('DOCUMENT', 'PASSED', 'idcard_type', raw), forgery: [] };
    case 'copy':
      return {
        verdict: verdict('DOCUMENT', 'FAILED', 'idcard_type', raw),
        forgery: [{ kind: 'PHOTOCOPY', vendor: VENDOR, detail: 'idcard_type=copy: a copy of the original card' }],
      };
    default:
      return unreachable(type);
  }
}

/**
 * The first reason the OCR answer is not documented evidence, as an UNCLEAR verdict, or null:
 * a field or confidence of the wrong type; a required field absent, null or blank; a text field the
 * gateway cannot read (a date that is no date, a sex that is neither); no `confidence` object, or a
 * field read without a confidence between 0 and 1; MRZ lines that fit no MRZ format or whose check
 * digits are wrong (the policy also sees those as MRZ_UNREADABLE / MRZ_INVALID); dates that
 * contradict each other (born after the issue, issued after the expiry).
 */
function ocrProblem(result: HuaweiCambodianIdCardResult, wrongType: readonly WrongType[], fields: readonly OcrField[], canonicalName: CanonicalNameOf): CheckVerdict | null {
  const unclear = (field: string, raw: string | null = null) => verdict('OCR', 'UNCLEAR', field, raw);
  const wrong = wrongType.find((w) => w.field !== 'idcard_type');
  if (wrong) return unclear(wrong.field, rawOf(wrong.field, wrong.value));

  for (const name of HUAWEI_REQUIRED_FIELDS) {
    const value = result[name];
    if (value === undefined || value === null || value.trim() === '') return unclear(name);
  }
  const reading = (wire: string) => fields.find((f) => f.name === canonicalName(wire));
  for (const name of HUAWEI_CARD_TEXT_FIELDS) {
    const value = result[name];
    if (typeof value === 'string' && value.trim() !== '' && (reading(name)?.value ?? null) === null) return unclear(name);
  }

  const confidence = result.confidence;
  if (confidence === undefined || confidence === null) return unclear('confidence', null);
  for (const name of [...HUAWEI_CARD_TEXT_FIELDS, ...HUAWEI_MACHINE_CODE_FIELDS, 'idcard_type'] as const) {
    const value = result[name];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const score = confidence[name];
    if (score === undefined) return unclear(`confidence.${name}`, null);
    if (score < 0 || score > 1) return unclear(`confidence.${name}`, String(score).slice(0, 64));
  }

  const lines = HUAWEI_MACHINE_CODE_FIELDS.map((name) => result[name]?.trim() ?? '');
  const missingLine = lines.findIndex((line) => line === '');
  const anyLine = lines.some((line) => line !== '');
  if (anyLine && missingLine >= 0) return unclear(HUAWEI_MACHINE_CODE_FIELDS[missingLine]!);
  if (anyLine) {
    const valid = verifyMrz(lines);
    if (valid === null) return unclear('machine_code1');
    // Wrong check digits: the lines as read contradict themselves (misread, or altered).
    if (!valid) return unclear('machine_code2');
  }

  const birth = reading('birth_date')?.value;
  const issue = reading('issue_date')?.value;
  const expiry = reading('expiry_date')?.value;
  if (birth && issue && birth > issue) return unclear('issue_date');
  if (issue && expiry && issue > expiry) return unclear('expiry_date');
  return null;
}
