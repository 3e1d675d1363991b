import { createHash } from 'node:crypto';
import { toCode, toNumber, toRecord, toText } from '../../signals/lenient';
import type { VendorHttpClient } from '../http';
import type { IssuedToken } from '../renewing-token';
import { ADVANCE_TOKEN_CODES, describeTokenCode, isOneOf } from './codes';
import type { AdvanceTokenRequest } from './types';
import { ADVANCE_PATHS } from './paths';
import { VendorTokenError } from '../token-error';

/** The vendor's default token lifetime, also what the gateway asks for. */
export const DEFAULT_TOKEN_PERIOD_SECONDS = 3600;

/** Lowercase hex SHA-256 of accessKey + secretKey + timestamp, as the token API requires. */
export function tokenSignature(accessKey: string, secretKey: string, timestamp: number | string): string {
  return createHash('sha256').update(`${accessKey}${secretKey}${timestamp}`, 'utf8').digest('hex');
}

/** The token request body; the timestamp signed is the one sent. */
export function toTokenRequestBody(accessKey: string, secretKey: string, timestampMs: number, periodSecond: number): string {
  const body: AdvanceTokenRequest = {
    accessKey,
    timestamp: timestampMs,
    signature: tokenSignature(accessKey, secretKey, timestampMs),
    periodSecond,
  };
  return JSON.stringify(body);
}

/** The token API refused to issue a token. `message` is ours; no key or secret is ever in it. */
export class AdvanceTokenError extends VendorTokenError {
  override readonly name = 'AdvanceTokenError';
  constructor(code: string, message: string, reference: string | null, httpStatus: number | null = null) {
    super(code, message, httpStatus, reference);
  }
}

/**
 * Reads a token API answer: the token and its expiry, or an AdvanceTokenError with the vendor's
 * code. A missing expiredTime is taken as the requested lifetime; one in seconds is scaled to ms.
 */
export function parseTokenAnswer(httpStatus: number, json: unknown, requestedAt: number, periodSecond: number): IssuedToken {
  const body = toRecord(json);
  const code = toCode(body?.code);
  if (body === null || code === null) {
    throw new AdvanceTokenError(`HTTP_${httpStatus}`, 'The token API answered with a body that is not its documented format', null, httpStatus);
  }
  const reference = toText(body.transactionId);
  if (!isOneOf(ADVANCE_TOKEN_CODES, code)) {
    throw new AdvanceTokenError(code, 'The token API answered with an undocumented code', reference, httpStatus);
  }
  const refusal = describeTokenCode(code, toText(body.message));
  if (refusal !== null) throw new AdvanceTokenError(code, refusal, reference, httpStatus);

  const data = toRecord(body.data);
  const token = toText(data?.token)?.trim();
  if (!token) throw new AdvanceTokenError(`HTTP_${httpStatus}`, 'The token API answered SUCCESS without a token', reference, httpStatus);
  let expiresAt = toNumber(data?.expiredTime) ?? requestedAt + periodSecond * 1000;
  if (expiresAt < 1e12) expiresAt *= 1000;
  return { token, expiresAt };
}

export interface TokenIssuerOptions {
  accessKey: string;
  secretKey: string;
  periodSecond?: number;
  now?: () => number;
}

/**
 * Asks the token API for a fresh token. The request runs under the HTTP client's own deadline and
 * not under one caller's signal, because its answer is shared by every caller waiting for it.
 */
export function createTokenIssuer(http: VendorHttpClient, options: TokenIssuerOptions): () => Promise<IssuedToken> {
  const periodSecond = options.periodSecond ?? DEFAULT_TOKEN_PERIOD_SECONDS;
  const now = options.now ?? Date.now;
  return async () => {
    const timestamp = now();
    const res = await http.request({
      method: 'POST',
      path: ADVANCE_PATHS.token,
      body: toTokenRequestBody(options.accessKey, options.secretKey, timestamp, periodSecond),
      signal: new AbortController().signal,
    });
    return parseTokenAnswer(res.status, res.json, timestamp, periodSecond);
  };
}

/** ADVANCE.AI tokens are renewed a minute before they expire, at most a tenth of their lifetime. */
export const ADVANCE_TOKEN_RENEWAL = { maxMarginMs: 60_000, marginFraction: 0.1 } as const;
