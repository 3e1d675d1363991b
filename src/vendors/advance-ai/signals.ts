import type { FaceCheck, ForgeryKind, ForgerySignal, OcrField, QualityKind, QualitySignal } from '../../signals/model';
import { ocrField } from '../../signals/ocr-field';
import { WRONG_TYPE, type AdvanceDocDetail, type AdvanceFaceDetail, type AdvanceOcrSide, type Received } from './types';

/**
 * Pure readers for the signal parts of a parsed Get Result `data`. Every object and field may be
 * null, absent or of an undocumented type (face-only and document-only flows, results still
 * processing); each reader then contributes nothing (the verdicts say why).
 */

const VENDOR = 'ADVANCE_AI' as const;

/** Face scores (0..100) from faceDetail; null when the vendor gave neither score. */
export function readFace(face: Received<AdvanceFaceDetail>): FaceCheck | null {
  if (!present(face)) return null;
  const livenessScore = present(face.faceLivenessScore) ? face.faceLivenessScore : null;
  const similarityScore = present(face.faceSimilarityScore) ? face.faceSimilarityScore : null;
  if (livenessScore === null && similarityScore === null) return null;
  return { livenessScore, similarityScore, vendor: VENDOR };
}

/** Vendor OCR keys whose meaning matches a canonical field. Other keys keep a camelCase name. */
const OCR_NAMES: Readonly<Record<string, string>> = {
  name: 'fullName',
  fullname: 'fullName',
  localname: 'localName',
  nativename: 'localName',
  idnumber: 'idNumber',
  birthday: 'birthDate',
  birthdayparsed: 'birthDate',
  birthdate: 'birthDate',
  dateofbirth: 'birthDate',
  gender: 'sex',
  sex: 'sex',
  address: 'address',
  citizen: 'nationality',
  nationality: 'nationality',
  issuedate: 'issueDate',
  dateofissue: 'issueDate',
  expirydate: 'expiryDate',
  expirationdate: 'expiryDate',
  expiredate: 'expiryDate',
  dateofexpiry: 'expiryDate',
};

function canonicalName(key: string): string {
  const mapped = OCR_NAMES[key.replace(/[^A-Za-z0-9]/g, '').toLowerCase()];
  if (mapped) return mapped;
  const camel = key.trim().replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/**
 * One side's OCR text as canonical fields. The vendor gives no confidences (null), masks values
 * when masking is on ("****", kept as given), and may send both `birthday` as printed and
 * `birthdayParsed`: the parsed form is preferred when it reads as a date.
 */
function readOcrSide(record: Received<AdvanceOcrSide>): OcrField[] {
  if (!present(record)) return [];
  const fields = new Map<string, OcrField>();
  for (const [key, raw] of Object.entries(record)) {
    const name = canonicalName(key);
    const field = ocrField(name, raw, null, VENDOR);
    if (field === null) continue;
    const existing = fields.get(name);
    if (existing === undefined || (existing.value === null && field.value !== null)) fields.set(name, field);
    else if (name === 'birthDate' && /parsed/i.test(key) && field.value !== null) fields.set(name, field);
  }
  return [...fields.values()];
}

/**
 * OCR fields of both sides. The front wins; a back value that disagrees with the front's is kept
 * under `back<Name>` (e.g. `backIdNumber`) so a front/back mismatch stays visible.
 */
export function readOcr(doc: Received<AdvanceDocDetail>): OcrField[] {
  const ocrInfo = present(doc) ? doc.ocrInfo : null;
  if (!present(ocrInfo)) return [];
  const front = readOcrSide(ocrInfo.front);
  const byName = new Map(front.map((f) => [f.name, f]));
  const fields = [...front];
  for (const field of readOcrSide(ocrInfo.back)) {
    const twin = byName.get(field.name);
    if (twin === undefined) fields.push(field);
    else if (twin.raw !== field.raw) fields.push({ ...field, name: `back${field.name.charAt(0).toUpperCase()}${field.name.slice(1)}` });
  }
  return fields;
}

/**
 * A forgery label as a kind. Any label the vendor puts in forgeryLabels is a finding, so a label
 * we do not recognise is reported as FORGED (with the label as detail) rather than dropped.
 */
export function forgeryKindOf(label: string): ForgeryKind {
  const word = label.toLowerCase();
  if (word.includes('copy')) return 'PHOTOCOPY';
  if (word.includes('screen') || word.includes('recapture') || word.includes('replay')) return 'SCREEN_CAPTURE';
  if (word.includes('corner') && (word.includes('miss') || word.includes('absent'))) return 'CORNER_MISSING';
  if (word.includes('corner') || word.includes('clip')) return 'CORNER_CLIPPED';
  if (word.includes('format') || word.includes('template')) return 'ID_FORMAT_INVALID';
  return 'FORGED';
}

/** One signal per kind from a forgery label list (blank labels skipped). */
export function readForgery(labels: Received<readonly string[]>): ForgerySignal[] {
  const signals: ForgerySignal[] = [];
  for (const item of present(labels) ? labels : []) {
    const label = item.trim();
    if (!label) continue;
    const kind = forgeryKindOf(label);
    if (!signals.some((s) => s.kind === kind)) signals.push({ kind, vendor: VENDOR, detail: label });
  }
  return signals;
}

/** A quality label as a kind, or null for a label with no canonical check. */
export function qualityKindOf(label: string): QualityKind | null {
  const word = label.toLowerCase();
  if (word.includes('blur') || word.includes('focus')) return 'BLUR';
  if (word.includes('dark') || word.includes('low_light') || word.includes('lowlight') || word.includes('underexpos')) return 'DARK';
  if (word.includes('glare') || word.includes('flash') || word.includes('reflect') || word.includes('spot')) return 'FLASHLIGHT';
  if (word.includes('gray') || word.includes('grey') || word.includes('black_white') || word.includes('monochrome')) return 'GRAYSCALE';
  if (word.includes('bright') || word.includes('overexpos')) return 'BRIGHTNESS';
  if (word.includes('color') || word.includes('colour')) return 'COLOR_MODE';
  return null;
}

/**
 * Failed quality checks from qualityLabels.front/back. The vendor lists only the problems it found,
 * so every signal is passed:false; one signal per kind across both sides.
 */
export function readQuality(doc: Received<AdvanceDocDetail>): QualitySignal[] {
  const signals: QualitySignal[] = [];
  for (const label of qualityLabelsOf(doc)) {
    const kind = qualityKindOf(label);
    if (kind !== null && !signals.some((s) => s.kind === kind)) signals.push({ kind, passed: false, score: null, vendor: VENDOR });
  }
  return signals;
}

/** Every quality label of both sides that arrived in the documented form. */
export function qualityLabelsOf(doc: Received<AdvanceDocDetail>): string[] {
  const labels = present(doc) ? doc.qualityLabels : null;
  if (!present(labels)) return [];
  return [...(present(labels.front) ? labels.front : []), ...(present(labels.back) ? labels.back : [])];
}

/** True for a value that arrived in its documented form (not absent, null or WRONG_TYPE). */
export function present<T>(value: Received<T>): value is T {
  return value !== undefined && value !== null && value !== WRONG_TYPE;
}
