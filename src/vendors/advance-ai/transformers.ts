import { toCode, toRecord, toText } from '../../signals/lenient';
import { emptyOutcome, type ForgerySignal, type VendorOutcome } from '../../signals/model';
import { unreadableBody } from '../guard-call';
import {
  ADVANCE_ERROR_CODES,
  ADVANCE_IDV_RESULTS,
  ADVANCE_RESPONSE_CODES,
  describeErrorCode,
  describeResponseCode,
  isOneOf,
} from './codes';
import type { AdvanceGetResultRequest } from './types';
import { readFace, readForgery, readOcr, readQuality } from './signals';

/**
 * Pure mapping between the gateway and ADVANCE.AI's Get Result API.
 *
 * Status rules: a final idvResult is OK when the vendor reached a verdict (PASS, or FAIL with its
 * reason: liveness attack, forgery ...) and FAILED when it could not (INCOMPLETE: the user gave up
 * or timed out, the capture was unusable, a vendor error). No idvResult and no errorCode means the
 * vendor is still processing: PENDING, with whatever partial signals it already has.
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
  const body = toRecord(json);
  const code = toCode(body?.code);
  if (body === null || code === null) return unreadableBody(VENDOR, httpStatus);
  const reference = toText(body.transactionId);

  if (isTokenRefused(httpStatus, body)) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'The vendor refused the access token', reference);
  }
  if (!isOneOf(ADVANCE_RESPONSE_CODES, code)) {
    return emptyOutcome(VENDOR, 'FAILED', code, 'The vendor answered with an undocumented code', reference);
  }
  const refusal = describeResponseCode(code);
  if (refusal !== null) return emptyOutcome(VENDOR, 'FAILED', code, refusal, reference);

  const data = toRecord(body.data);
  if (data === null) return unreadableBody(VENDOR, httpStatus);
  return fromResult(data, reference);
}

/** A SUCCESS envelope's `data`: the verdict plus every signal the vendor reported. */
function fromResult(data: Record<string, unknown>, reference: string | null): VendorOutcome {
  const idvResult = toCode(data.idvResult);
  const errorCode = toCode(data.errorCode);
  const signals = {
    fields: readOcr(data.docDetail),
    face: readFace(data.faceDetail),
    landmarks: [],
    forgery: readForgery(data.docDetail),
    quality: readQuality(data.docDetail),
    mrz: null,
    verdicts: [],
  };
  const outcome = (status: VendorOutcome['result']['status'], code: string | null, message: string): VendorOutcome => ({
    result: { vendor: VENDOR, status, errorCode: code, message, reference },
    ...signals,
  });

  if (idvResult === null && errorCode === null) {
    return outcome('PENDING', null, 'The verification is still processing');
  }
  if (errorCode !== null) {
    if (!isOneOf(ADVANCE_ERROR_CODES, errorCode)) {
      return outcome('FAILED', errorCode, 'The vendor answered with an undocumented error code');
    }
    const meaning = describeErrorCode(errorCode);
    if (meaning.forgery !== null && !signals.forgery.some((s) => s.kind === meaning.forgery!.kind)) {
      const signal: ForgerySignal = { kind: meaning.forgery.kind, vendor: VENDOR, detail: meaning.forgery.detail };
      signals.forgery = [signal, ...signals.forgery];
    }
    return outcome(meaning.status, errorCode, meaning.message);
  }
  // A verdict without a reason: keep the verdict itself as the code so policies still see it.
  if (!isOneOf(ADVANCE_IDV_RESULTS, idvResult)) {
    return outcome('FAILED', idvResult, 'The vendor answered with an undocumented result');
  }
  switch (idvResult) {
    case 'PASS':
      return outcome('OK', null, 'The user passed the identity verification');
    case 'FAIL':
      return outcome('OK', 'FAIL', 'The user failed the identity verification');
    case 'INCOMPLETE':
      return outcome('FAILED', 'INCOMPLETE', 'The user did not complete the identity verification');
    default:
      return unreachable(idvResult);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled ADVANCE.AI idvResult ${String(value)}`);
}
