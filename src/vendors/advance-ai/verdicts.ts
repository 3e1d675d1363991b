import type { CheckVerdict, Verdict, VerdictCheck } from '../../signals/model';
import { ADVANCE_ERROR_CODES, ADVANCE_IDV_RESULTS, describeErrorCode, isOneOf, type AdvanceIdvResult } from './codes';
import { present, qualityKindOf, qualityLabelsOf } from './signals';
import type { AdvanceDocDetail, AdvanceFaceDetail, AdvanceIdvData, Received } from './types';
import { unreachable } from '../unreachable';

/**
 * The verdict classification of a Get Result `data` (docs/vendors.md, section ADVANCE.AI, is this
 * table in prose). Invariants:
 * - a check is PASSED only when the overall verdict is PASS with errorCode SUCCESS and the check's
 *   own fields carry their documented positive value in the documented form;
 * - idvResult FAIL or INCOMPLETE never yields a PASSED verdict for a check its errorCode names,
 *   and FAIL without a reason fails every check;
 * - any undocumented, missing, mistyped or contradicting verdict field is UNCLEAR, never PENDING;
 * - PENDING only for the documented processing form: idvResult and errorCode both null.
 */

const VENDOR = 'ADVANCE_AI' as const;
const CHECKS: readonly VerdictCheck[] = ['FACE', 'OCR', 'DOCUMENT', 'QUALITY'];
const LIVENESS_PASS = 50;
const SIMILARITY_PASS = 70;

export interface AdvanceClassification {
  status: 'OK' | 'PENDING' | 'FAILED';
  /** The vendor's code kept for policies (errorCode, else the idvResult). */
  errorCode: string | null;
  message: string;
  verdicts: CheckVerdict[];
  /**
   * True when the overall verdict is negative, so forgeryLabels (and the errorCode's own forgery
   * finding) are forgery signals. Labels under a PASS contradict it: they are an UNCLEAR verdict,
   * not a signal a policy could REJECT on.
   */
  forgeryCounts: boolean;
}

export function classifyResult(data: AdvanceIdvData): AdvanceClassification {
  const { idvResult, errorCode } = data;
  if (idvResult === null && errorCode === null) {
    return { status: 'PENDING', errorCode: null, message: 'The verification is still processing', verdicts: [], forgeryCounts: false };
  }
  const reason = codeOf(errorCode);
  const result = codeOf(idvResult);
  const keptCode = reason ?? result;
  const unclear = (field: string, raw: string | null): AdvanceClassification => ({
    status: 'OK',
    errorCode: keptCode,
    message: 'The vendor answered with a verdict its documentation does not define',
    verdicts: CHECKS.map((check) => verdict(check, 'UNCLEAR', field, raw)),
    forgeryCounts: false,
  });
  if (!isOneOf(ADVANCE_IDV_RESULTS, result)) return unclear('idvResult', result);
  if (reason === null) return withoutReason(result, data);
  if (!isOneOf(ADVANCE_ERROR_CODES, reason)) return unclear('errorCode', reason);

  const meaning = describeErrorCode(reason);
  switch (meaning.kind) {
    case 'pass':
      if (result !== 'PASS') return unclear('errorCode', reason);
      return { status: 'OK', errorCode: reason, message: meaning.message, verdicts: detailVerdicts(data, true), forgeryCounts: false };
    case 'finding': {
      if (!meaning.results.includes(result)) return unclear('idvResult', result);
      const named = new Set(meaning.checks);
      const verdicts = detailVerdicts(data, false).map((v) => (named.has(v.check) ? verdict(v.check, 'FAILED', 'errorCode', reason) : v));
      return { status: 'OK', errorCode: reason, message: meaning.message, verdicts, forgeryCounts: true };
    }
    case 'no-verdict':
      if (result === 'PASS') return unclear('errorCode', reason);
      return { status: 'FAILED', errorCode: reason, message: meaning.message, verdicts: [], forgeryCounts: false };
    default:
      return unreachable(meaning);
  }
}

/** A final idvResult with errorCode absent, null or mistyped. */
function withoutReason(result: AdvanceIdvResult, data: AdvanceIdvData): AdvanceClassification {
  switch (result) {
    case 'PASS':
      // PASS is documented with errorCode SUCCESS only.
      return {
        status: 'OK',
        errorCode: null,
        message: 'The vendor answered PASS without its documented errorCode SUCCESS',
        verdicts: CHECKS.map((check) => verdict(check, 'UNCLEAR', 'errorCode', null)),
        forgeryCounts: false,
      };
    case 'FAIL':
      // A negative verdict without a reason still fails the verification, whatever the details say.
      return {
        status: 'OK',
        errorCode: 'FAIL',
        message: 'The user failed the identity verification',
        verdicts: detailVerdicts(data, false).map((v) => verdict(v.check, 'FAILED', 'idvResult', 'FAIL')),
        forgeryCounts: true,
      };
    case 'INCOMPLETE':
      return {
        status: 'FAILED',
        errorCode: 'INCOMPLETE',
        message: 'The user did not complete the identity verification',
        verdicts: [],
        forgeryCounts: false,
      };
    default:
      return unreachable(result);
  }
}

/** One verdict per check from faceDetail and docDetail. `passed`: the overall verdict is PASS. */
function detailVerdicts(data: AdvanceIdvData, passed: boolean): CheckVerdict[] {
  return [faceVerdict(data.faceDetail), ocrVerdict(data.docDetail), documentVerdict(data.docDetail, passed), qualityVerdict(data.docDetail)];
}

function faceVerdict(face: Received<AdvanceFaceDetail>): CheckVerdict {
  if (!present(face)) return verdict('FACE', 'UNCLEAR', 'faceDetail', null);
  const word = codeOf(face.faceResult);
  if (word === 'FAIL') return verdict('FACE', 'FAILED', 'faceDetail.faceResult', word);
  if (word !== 'PASS') return verdict('FACE', 'UNCLEAR', 'faceDetail.faceResult', word);
  const liveness = face.faceLivenessScore;
  const similarity = face.faceSimilarityScore;
  // PASS with a score missing, or below the vendor's own threshold, contradicts itself.
  if (!present(liveness) || liveness < LIVENESS_PASS) return verdict('FACE', 'UNCLEAR', 'faceDetail.faceLivenessScore', scoreText(liveness));
  if (!present(similarity) || similarity < SIMILARITY_PASS) {
    return verdict('FACE', 'UNCLEAR', 'faceDetail.faceSimilarityScore', scoreText(similarity));
  }
  return verdict('FACE', 'PASSED', 'faceDetail.faceResult', word);
}

/** The OCR verdict: `ocrResult` (SUCCESS example) or `docResult` (FAIL example); both must agree. */
function ocrVerdict(doc: Received<AdvanceDocDetail>): CheckVerdict {
  if (!present(doc)) return verdict('OCR', 'UNCLEAR', 'docDetail', null);
  const field = doc.ocrResult === undefined ? 'docDetail.docResult' : 'docDetail.ocrResult';
  const word = codeOf(doc.ocrResult === undefined ? doc.docResult : doc.ocrResult);
  if (doc.ocrResult !== undefined && doc.docResult !== undefined && codeOf(doc.docResult) !== word) {
    return verdict('OCR', 'UNCLEAR', 'docDetail.docResult', codeOf(doc.docResult));
  }
  if (word === 'FAIL') return verdict('OCR', 'FAILED', field, word);
  if (word !== 'PASS') return verdict('OCR', 'UNCLEAR', field, word);
  if (!present(doc.ocrInfo) || !present(doc.ocrInfo.front)) return verdict('OCR', 'UNCLEAR', 'docDetail.ocrInfo', null);
  return verdict('OCR', 'PASSED', field, word);
}

/** The document (forgery) verdict from forgeryLabels: none found passes, labels under a PASS contradict it. */
function documentVerdict(doc: Received<AdvanceDocDetail>, passed: boolean): CheckVerdict {
  if (!present(doc)) return verdict('DOCUMENT', 'UNCLEAR', 'docDetail', null);
  const labels = doc.forgeryLabels;
  if (!present(labels)) return verdict('DOCUMENT', 'UNCLEAR', 'docDetail.forgeryLabels', null);
  const found = labels.map((l) => l.trim()).filter((l) => l !== '');
  if (found.length === 0) return verdict('DOCUMENT', labels.length === 0 ? 'PASSED' : 'UNCLEAR', 'docDetail.forgeryLabels', '[]');
  return verdict('DOCUMENT', passed ? 'UNCLEAR' : 'FAILED', 'docDetail.forgeryLabels', found.join(','));
}

/** The quality verdict from qualityLabels: none passes, known labels fail, an unmapped label is UNCLEAR. */
function qualityVerdict(doc: Received<AdvanceDocDetail>): CheckVerdict {
  if (!present(doc)) return verdict('QUALITY', 'UNCLEAR', 'docDetail', null);
  const labels = doc.qualityLabels;
  if (!present(labels)) return verdict('QUALITY', 'UNCLEAR', 'docDetail.qualityLabels', null);
  // The back may be null for a one-sided document; the front list is always there.
  if (!present(labels.front)) return verdict('QUALITY', 'UNCLEAR', 'docDetail.qualityLabels.front', null);
  if (labels.back !== null && !present(labels.back)) return verdict('QUALITY', 'UNCLEAR', 'docDetail.qualityLabels.back', null);
  const found = qualityLabelsOf(doc);
  if (found.length === 0) return verdict('QUALITY', 'PASSED', 'docDetail.qualityLabels', '[]');
  const unmapped = found.find((label) => qualityKindOf(label) === null);
  if (unmapped !== undefined) return verdict('QUALITY', 'UNCLEAR', 'docDetail.qualityLabels', unmapped);
  return verdict('QUALITY', 'FAILED', 'docDetail.qualityLabels', found.join(','));
}

function verdict(check: VerdictCheck, value: Verdict, field: string, raw: string | null): CheckVerdict {
  return { vendor: VENDOR, check, verdict: value, field, raw: raw === null ? null : raw.slice(0, 64) };
}

/** An upper-cased code from a text field; null when absent, null, blank or mistyped. */
function codeOf(value: Received<string>): string | null {
  if (!present(value)) return null;
  const code = value.trim().toUpperCase();
  return code === '' ? null : code;
}

function scoreText(score: Received<number>): string | null {
  return present(score) ? String(score) : null;
}
