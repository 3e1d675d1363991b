import type { MergedSignals } from '../../signals/merged';
import { NOT_REQUESTED, OCR_FIELD_NAMES, type CheckVerdict, type DocumentType, type ForgeryKind, type QualityKind, type Vendor } from '../../signals/model';
import { consistencyFacts, type ConsistencyFacts } from './consistency';

/**
 * The facts a policy is evaluated on (CONTRACTS.md section 4). A value the vendors did not give is
 * null, never absent, so a rule over a missing value is false rather than an error. Facts are plain
 * JSON: they are stored with each decision and replayed to explain it.
 */
export interface Facts {
  country: string;
  documentType: DocumentType;
  face: { liveness: number | null; similarity: number | null };
  landmarks: { min: number | null; count: number; scores: Record<string, number> };
  forgery: { detected: boolean; kinds: ForgeryKind[] };
  ocr: {
    minConfidence: number | null;
    confidence: Record<string, number | null>;
    missing: string[];
    /** Vendors whose OK answer read the document (an OCR verdict PASSED or FAILED). */
    readBy: Vendor[];
  };
  quality: { failed: QualityKind[] };
  document: { expired: boolean | null; ageYears: number | null; daysToExpiry: number | null };
  /** `valid` is null without an MRZ or when it is unreadable; `readable` is null without an MRZ. */
  mrz: { present: boolean; valid: boolean | null; readable: boolean | null };
  /** Whether the vendors' readings of the document agree (computed; the readings are not facts). */
  consistency: ConsistencyFacts;
  vendors: {
    /** FAILED or TIMEOUT: no usable answer. */
    failed: Vendor[];
    /** TIMEOUT only (also listed in `failed`). */
    timedOut: Vendor[];
    pending: Vendor[];
    /** SKIPPED for want of their input. */
    skipped: Vendor[];
    /** SKIPPED because the request's `vendors` list left them out (code NOT_REQUESTED). */
    notRequested: Vendor[];
    codes: Partial<Record<Vendor, string>>;
    /** Vendors with an answer the gateway did not fully understand (an UNCLEAR verdict). */
    unclear: Vendor[];
    /** Vendors whose answer gave a documented negative verdict on a check (a FAILED verdict). */
    checksFailed: Vendor[];
  };
}

const DAY_MS = 86_400_000;

export function buildFacts(context: { country: string; documentType: DocumentType }, signals: MergedSignals, now: Date): Facts {
  const { document } = signals;
  const confidence: Record<string, number | null> = {};
  const missing: string[] = [];
  for (const name of OCR_FIELD_NAMES) {
    const field = document[name];
    if (field === null || field.value === null) missing.push(name);
    else confidence[name] = field.confidence;
  }
  const known = Object.values(confidence).filter((c): c is number => c !== null);

  const scores: Record<string, number> = {};
  for (const l of signals.landmarks) scores[l.code] = l.score;
  const landmarkValues = signals.landmarks.map((l) => l.score);

  const kinds = [...new Set(signals.forgery.map((f) => f.kind))];
  const failedQuality = [...new Set(signals.quality.filter((q) => !q.passed).map((q) => q.kind))];

  const expiry = isoDay(document.expiryDate?.value ?? null);
  const birth = isoDay(document.birthDate?.value ?? null);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysToExpiry = expiry === null ? null : Math.round((expiry - today) / DAY_MS);

  const results = signals.vendorResults;
  const verdicts = signals.verdicts;
  const vendorsWith = (keep: (v: CheckVerdict) => boolean): Vendor[] => [...new Set(verdicts.filter(keep).map((v) => v.vendor))];
  const codes: Partial<Record<Vendor, string>> = {};
  for (const r of results) if (r.errorCode !== null) codes[r.vendor] = r.errorCode;

  return {
    country: context.country,
    documentType: context.documentType,
    face: { liveness: signals.face?.livenessScore ?? null, similarity: signals.face?.similarityScore ?? null },
    landmarks: { min: landmarkValues.length ? Math.min(...landmarkValues) : null, count: landmarkValues.length, scores },
    forgery: { detected: kinds.length > 0, kinds },
    ocr: {
      minConfidence: known.length ? Math.min(...known) : null,
      confidence,
      missing,
      readBy: vendorsWith((v) => v.check === 'OCR' && v.verdict !== 'UNCLEAR'),
    },
    quality: { failed: failedQuality },
    document: {
      expired: daysToExpiry === null ? null : daysToExpiry < 0,
      ageYears: birth === null ? null : ageInYears(birth, now),
      daysToExpiry,
    },
    mrz: { present: document.mrz !== null, valid: document.mrzValid, readable: document.mrzReadable ?? null },
    consistency: consistencyFacts(document.fields),
    vendors: {
      failed: results.filter((r) => r.status === 'FAILED' || r.status === 'TIMEOUT').map((r) => r.vendor),
      timedOut: results.filter((r) => r.status === 'TIMEOUT').map((r) => r.vendor),
      pending: results.filter((r) => r.status === 'PENDING').map((r) => r.vendor),
      skipped: results.filter((r) => r.status === 'SKIPPED' && r.errorCode !== NOT_REQUESTED).map((r) => r.vendor),
      notRequested: results.filter((r) => r.status === 'SKIPPED' && r.errorCode === NOT_REQUESTED).map((r) => r.vendor),
      codes,
      unclear: vendorsWith((v) => v.verdict === 'UNCLEAR'),
      checksFailed: vendorsWith((v) => v.verdict === 'FAILED'),
    },
  };
}

function isoDay(value: string | null): number | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return Date.parse(`${value}T00:00:00Z`);
}

function ageInYears(birthMs: number, now: Date): number {
  const birth = new Date(birthMs);
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}
