import { toCode, toRecord } from '../../signals/lenient';
import { emptyOutcome, type ForgerySignal, type VendorOutcome } from '../../signals/model';
import { unreadableBody } from '../guard-call';
import { ADVANCE_ERROR_CODES, ADVANCE_RESPONSE_CODES, describeErrorCode, describeResponseCode, isOneOf } from './codes';
import type { AdvanceGetResultRequest, AdvanceIdvData } from './types';
import { present, readFace, readForgery, readOcr, readQuality } from './signals';
import { classifyResult } from './verdicts';
import { parseEnvelope, parseIdvData } from './wire';

/**
 * Pure mapping between the gateway and ADVANCE.AI's Get Result API.
 *
 * Status rules (verdicts.ts): OK when the vendor gave a verdict, positive, negative (an attack, a
 * forgery, an unsupported or unreadable card) or one we do not understand (UNCLEAR verdicts);
 * FAILED when the verification did not happen (the user gave up or timed out, a front-end or vendor
 * error); PENDING only while idvResult and errorCode are both null, with the partial signals.
 */

const VENDOR = 'ADVANCE_AI' as const;

/** The Get Result body: the signatureId only (no image, so plain JSON.stringify). */
export function toGetResultBody(signatureId: string): string {
  const body: AdvanceGetResultRequest = { signatureId };
  return JSON.stringify(body);
}

/**
 * Codes and statuses by which the Get Result API refuses the access token. The vendor does not
 * document this answer; IAM_FAILED is what its open APIs use for a refused credential, and an HTTP
 * 401/403 is read the same way whatever the body says.
 */
const TOKEN_REFUSAL_CODES = new Set(['IAM_FAILED', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'INVALID_TOKEN', 'ACCESS_TOKEN_EXPIRED', 'UNAUTHORIZED']);

/** True when the answer says the access token is invalid or expired (renew it and retry once). */
export function isTokenRefused(httpStatus: number, json: unknown): boolean {
  if (httpStatus === 401 || httpStatus === 403) return true;
  const code = toCode(toRecord(json)?.code);
  return code !== null && TOKEN_REFUSAL_CODES.has(code);
}

/** Maps one Get Result answer to the canonical outcome. Never throws. */
export function toOutcome(httpStatus: number, json: unknown): VendorOutcome {
  const envelope = parseEnvelope(json);
  if (envelope === null) return unreadableBody(VENDOR, httpStatus);
  const { code, transactionId: reference } = envelope;

  if (isTokenRefused(httpStatus, json)) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'The vendor refused the access token', reference);
  }
  if (!isOneOf(ADVANCE_RESPONSE_CODES, code)) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'The vendor answered with an undocumented code', reference);
  }
  const refusal = describeResponseCode(code);
  if (refusal !== null) return emptyOutcome(VENDOR, 'FAILED', code, refusal, reference);

  const data = toRecord(envelope.data);
  if (data === null) return unreadableBody(VENDOR, httpStatus);
  return fromResult(parseIdvData(data), reference);
}

/** A SUCCESS envelope's `data`: the classified verdict plus every signal the vendor reported. */
function fromResult(data: AdvanceIdvData, reference: string | null): VendorOutcome {
  const verdict = classifyResult(data);
  return {
    result: { vendor: VENDOR, status: verdict.status, errorCode: verdict.errorCode, message: verdict.message, reference },
    fields: readOcr(data.docDetail),
    face: readFace(data.faceDetail),
    landmarks: [],
    forgery: verdict.forgeryCounts ? forgerySignals(verdict.errorCode, data) : [],
    quality: readQuality(data.docDetail),
    mrz: null,
    verdicts: verdict.status === 'OK' ? verdict.verdicts : [],
  };
}

/** The forgery labels as signals, led by the errorCode's own forgery finding (ID_FORGERY_DETECTED). */
function forgerySignals(errorCode: string | null, data: AdvanceIdvData): ForgerySignal[] {
  const labels = readForgery(present(data.docDetail) ? data.docDetail.forgeryLabels : null);
  const meaning = isOneOf(ADVANCE_ERROR_CODES, errorCode) ? describeErrorCode(errorCode) : null;
  const kind = meaning?.kind === 'finding' ? meaning.forgery : null;
  if (kind === null || labels.some((s) => s.kind === kind)) return labels;
  return [{ kind, vendor: VENDOR, detail: errorCode }, ...labels];
}
