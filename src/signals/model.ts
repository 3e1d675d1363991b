/**
 * The canonical signal model. Every vendor adapter converges on these types; nothing downstream of
 * src/vendors/<vendor>/ ever sees a vendor's wire format.
 *
 * Scales: face and landmark scores 0..100, OCR confidences 0..1, dates ISO yyyy-mm-dd.
 */

/** The vendors are those of the registry (src/vendors/registry.ts, runtime list `VENDORS` there). */
export type { Vendor } from '../vendors/registry';
import type { Vendor } from '../vendors/registry';

export const VENDOR_STATUSES = ['OK', 'PENDING', 'FAILED', 'TIMEOUT', 'SKIPPED'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

export const DOCUMENT_TYPES = ['NATIONAL_ID', 'PASSPORT', 'DRIVING_LICENSE'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const FORGERY_KINDS = ['FORGED', 'PHOTOCOPY', 'SCREEN_CAPTURE', 'ID_FORMAT_INVALID', 'CORNER_CLIPPED', 'CORNER_MISSING'] as const;
export type ForgeryKind = (typeof FORGERY_KINDS)[number];

export const QUALITY_KINDS = ['BLUR', 'BRIGHTNESS', 'COLOR_MODE', 'DARK', 'FLASHLIGHT', 'GRAYSCALE'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

/** The checks a vendor performs; each answer carries a verdict for every check its vendor performs. */
export const VERDICT_CHECKS = ['DOCUMENT', 'OCR', 'FACE', 'QUALITY'] as const;
export type VerdictCheck = (typeof VERDICT_CHECKS)[number];

/**
 * PASSED: a documented positive verdict, or documented evidence (scores, fields) for the policy to judge.
 * FAILED: a documented negative verdict. UNCLEAR: anything else (an undocumented code or word, a
 * verdict field missing, null or of the wrong type, fields that contradict each other, a documented
 * flag the adapter does not map). UNCLEAR never counts as a pass.
 */
export const VERDICTS = ['PASSED', 'FAILED', 'UNCLEAR'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What one vendor answer says of one check, and the answer field that says it. */
export interface CheckVerdict {
  vendor: Vendor;
  check: VerdictCheck;
  verdict: Verdict;
  /** The answer field that carries the verdict, as the vendor names it (`idvResult`, `data.valid`). */
  field: string;
  /** The field's value as sent (a code or word, at most 64 characters), or null when it was absent. */
  raw: string | null;
}

export const OUTCOMES = ['APPROVE', 'REVIEW', 'REJECT', 'PENDING'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Canonical OCR field names. Adapters map their vendor's names onto these where the meaning is the
 * same; a field with no canonical meaning keeps a camelCase name of its own (e.g. `height`).
 */
export const OCR_FIELD_NAMES = ['idNumber', 'fullName', 'localName', 'birthDate', 'sex', 'address', 'nationality', 'issueDate', 'expiryDate'] as const;
export type CanonicalOcrFieldName = (typeof OCR_FIELD_NAMES)[number];

/** Fields whose value is a date: adapters store them as ISO yyyy-mm-dd (raw text kept). */
export const DATE_FIELD_NAMES: readonly string[] = ['birthDate', 'issueDate', 'expiryDate'];

export interface OcrField {
  name: string;
  /** Normalised value: ISO date for dates, M/F for sex, trimmed text otherwise. */
  value: string | null;
  /** The text exactly as the vendor sent it. */
  raw: string | null;
  /** 0..1, or null when the vendor gave none. */
  confidence: number | null;
  vendor: Vendor;
}

export interface FaceCheck {
  /** 0..100 */
  livenessScore: number | null;
  /** 0..100 */
  similarityScore: number | null;
  vendor: Vendor;
}

export interface LandmarkScore {
  code: string;
  label: string;
  /** 0..100 */
  score: number;
  vendor: Vendor;
}

export interface ForgerySignal {
  kind: ForgeryKind;
  vendor: Vendor;
  detail: string | null;
}

export interface QualitySignal {
  kind: QualityKind;
  passed: boolean;
  score: number | null;
  vendor: Vendor;
}

export interface VendorResult {
  vendor: Vendor;
  status: VendorStatus;
  latencyMs: number | null;
  /** The vendor's own code, unchanged (LIVENESS_ATTACK, FAIL_ON_2, AIS.0103 ...). */
  errorCode: string | null;
  /** A short message safe to show a client: never the vendor's raw error text verbatim with secrets. */
  message: string | null;
  reference: string | null;
}

/** Everything one vendor call contributed. Empty arrays when the vendor said nothing of a kind. */
export interface VendorSignals {
  result: VendorResult;
  fields: OcrField[];
  face: FaceCheck | null;
  landmarks: LandmarkScore[];
  forgery: ForgerySignal[];
  quality: QualitySignal[];
  /** MRZ lines as read, or null when this vendor read none. */
  mrz: string[] | null;
  /**
   * One verdict per check the vendor performed, for an OK answer. Answers stored before verdicts
   * existed have none (read as an empty list).
   */
  verdicts: CheckVerdict[];
}

/** The code of a routed vendor left SKIPPED because the request's `vendors` list left it out. */
export const NOT_REQUESTED = 'NOT_REQUESTED';

/** What a transformer returns: the result minus latency (the orchestrator measures that). */
export type VendorOutcome = Omit<VendorSignals, 'result'> & {
  result: Omit<VendorResult, 'latencyMs'>;
};

export function emptyOutcome(vendor: Vendor, status: VendorStatus, errorCode: string | null = null, message: string | null = null, reference: string | null = null): VendorOutcome {
  return {
    result: { vendor, status, errorCode, message, reference },
    fields: [],
    face: null,
    landmarks: [],
    forgery: [],
    quality: [],
    mrz: null,
    verdicts: [],
  };
}
