import type { ForgeryKind, VerdictCheck } from '../../signals/model';
import { unreachable } from '../unreachable';

/**
 * Every code ADVANCE.AI documents for the token and Get Result APIs, each mapped by an exhaustive
 * switch: adding a code to a list without deciding what it means fails the type-check.
 * Messages are ours (from the vendor's tables), never the vendor's runtime text.
 */

/** `code` of the Get Result envelope. */
export const ADVANCE_RESPONSE_CODES = ['SUCCESS', 'SIGNATURE_NOT_EXIST', 'ERROR'] as const;
export type AdvanceResponseCode = (typeof ADVANCE_RESPONSE_CODES)[number];

/** `data.idvResult`: the final verdict. Null (not listed) means still processing. */
export const ADVANCE_IDV_RESULTS = ['PASS', 'FAIL', 'INCOMPLETE'] as const;
export type AdvanceIdvResult = (typeof ADVANCE_IDV_RESULTS)[number];

/**
 * `data.errorCode`: the reason for the verdict. `NOT_SUPPORTED_CARD` is not in the vendor's table
 * but is how the vendor's own example spells `NO_SUPPORTED_CARD`, so both are accepted.
 */
export const ADVANCE_ERROR_CODES = [
  'SUCCESS',
  'LIVENESS_ATTACK',
  'SIMILARITY_FAIL',
  'NO_FACE_DETECTED',
  'CARD_INFO_MISMATCH',
  'ID_FORGERY_DETECTED',
  'STRATEGY_HIT',
  'NO_SUPPORTED_CARD',
  'NOT_SUPPORTED_CARD',
  'CARD_TYPE_MISMATCH',
  'CARD_LOW_QUALITY_IMAGE',
  'INCOMPLETED_CARD',
  'TOO_MANY_CARDS',
  'CARD_NOT_FOUND',
  'OCR_NO_RESULT',
  'PARAMETER_ERROR',
  'USER_TIMEOUT',
  'ERROR',
  'NO_SUPPORTED_CARD_CUSTOMIZED',
] as const;
export type AdvanceErrorCode = (typeof ADVANCE_ERROR_CODES)[number];

/** `code` of the token API envelope. */
export const ADVANCE_TOKEN_CODES = ['SUCCESS', 'PARAMETER_ERROR', 'ACCOUNT_DISABLED', 'CLIENT_ERROR'] as const;
export type AdvanceTokenCode = (typeof ADVANCE_TOKEN_CODES)[number];

export function isOneOf<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value);
}

/**
 * What one errorCode means for the gateway.
 * - `pass`: SUCCESS, the vendor's positive verdict (documented with idvResult PASS only).
 * - `finding`: a documented negative finding about the capture; the checks it concerns are FAILED.
 *   The table lists the face and forgery findings under idvResult FAIL and the card findings under
 *   INCOMPLETE (FAIL for solutionCode 05), so a card finding is accepted with either.
 * - `no-verdict`: the verification did not happen (front-end bug, user timeout, vendor error).
 */
export type AdvanceErrorMeaning =
  | { kind: 'pass'; message: string }
  | { kind: 'finding'; results: readonly AdvanceIdvResult[]; checks: readonly VerdictCheck[]; message: string; forgery: ForgeryKind | null }
  | { kind: 'no-verdict'; message: string };

const ALL_CHECKS: readonly VerdictCheck[] = ['FACE', 'OCR', 'DOCUMENT', 'QUALITY'];
const FAIL_ONLY: readonly AdvanceIdvResult[] = ['FAIL'];
const CARD_RESULTS: readonly AdvanceIdvResult[] = ['INCOMPLETE', 'FAIL'];

function finding(results: readonly AdvanceIdvResult[], checks: readonly VerdictCheck[], message: string, forgery: ForgeryKind | null = null): AdvanceErrorMeaning {
  return { kind: 'finding', results, checks, message, forgery };
}

function noVerdict(message: string): AdvanceErrorMeaning {
  return { kind: 'no-verdict', message };
}

export function describeErrorCode(code: AdvanceErrorCode): AdvanceErrorMeaning {
  switch (code) {
    case 'SUCCESS':
      return { kind: 'pass', message: 'The user passed the identity verification' };
    case 'LIVENESS_ATTACK':
      return finding(FAIL_ONLY, ['FACE'], 'Face liveness below 50');
    case 'SIMILARITY_FAIL':
      return finding(FAIL_ONLY, ['FACE'], 'Face similarity below 70');
    case 'NO_FACE_DETECTED':
      return finding(FAIL_ONLY, ['FACE'], 'No face detected on the front of the document');
    case 'CARD_INFO_MISMATCH':
      // A mismatch between the two sides, not a forgery finding: no forgery signal.
      return finding(FAIL_ONLY, ['DOCUMENT'], 'The front and back of the document do not match');
    case 'ID_FORGERY_DETECTED':
      return finding(FAIL_ONLY, ['DOCUMENT'], 'The document is a forgery', 'FORGED');
    case 'STRATEGY_HIT':
      // The vendor names no check: its negative verdict stands against all of them.
      return finding(FAIL_ONLY, ALL_CHECKS, 'A security policy of the vendor was hit');
    case 'NO_SUPPORTED_CARD':
    case 'NOT_SUPPORTED_CARD':
      return finding(CARD_RESULTS, ['DOCUMENT'], 'The card type on the document image is not supported');
    case 'CARD_TYPE_MISMATCH':
      return finding(CARD_RESULTS, ['DOCUMENT'], 'The card type does not match the requested document type');
    case 'CARD_LOW_QUALITY_IMAGE':
      return finding(CARD_RESULTS, ['QUALITY'], 'The document images are too poor for identity verification');
    case 'INCOMPLETED_CARD':
      return finding(CARD_RESULTS, ['QUALITY'], 'The card is not complete in the document images');
    case 'TOO_MANY_CARDS':
      return finding(CARD_RESULTS, ['DOCUMENT'], 'More than one card was detected');
    case 'CARD_NOT_FOUND':
      return finding(CARD_RESULTS, ['DOCUMENT'], 'No card was detected in the document image');
    case 'OCR_NO_RESULT':
      return finding(CARD_RESULTS, ['OCR'], 'No OCR result could be extracted from the document images');
    case 'NO_SUPPORTED_CARD_CUSTOMIZED':
      return finding(CARD_RESULTS, ['DOCUMENT'], 'The card type is known but not supported yet');
    case 'PARAMETER_ERROR':
      return noVerdict('The capture front end submitted invalid data');
    case 'USER_TIMEOUT':
      return noVerdict('The user did not complete the verification within 1 hour');
    case 'ERROR':
      return noVerdict('The vendor failed while processing the verification');
    default:
      return unreachable(code);
  }
}

/** Our message for an envelope code; null for SUCCESS (the data decides). */
export function describeResponseCode(code: AdvanceResponseCode): string | null {
  switch (code) {
    case 'SUCCESS':
      return null;
    case 'SIGNATURE_NOT_EXIST':
      return 'The signatureId does not exist';
    case 'ERROR':
      return 'The vendor reported a server error';
    default:
      return unreachable(code);
  }
}

/**
 * Our message for a token API code; null for SUCCESS. `vendorMessage` only chooses between the
 * documented PARAMETER_ERROR causes, it is never echoed.
 */
export function describeTokenCode(code: AdvanceTokenCode, vendorMessage: string | null): string | null {
  switch (code) {
    case 'SUCCESS':
      return null;
    case 'PARAMETER_ERROR': {
      const cause = (vendorMessage ?? '').toLowerCase();
      if (cause.includes('signature')) return 'Access token refused: signature error (check the access key and secret key)';
      if (cause.includes('timestamp')) return 'Access token refused: timestamp error (check the clock)';
      return 'Access token refused: invalid parameters';
    }
    case 'ACCOUNT_DISABLED':
      return 'Access token refused: the vendor account is disabled';
    case 'CLIENT_ERROR':
      return 'Access token refused: bad request';
    default:
      return unreachable(code);
  }
}
