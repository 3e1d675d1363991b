import { createHash } from 'node:crypto';
import { toCode, toNumber, toRecord, toText } from '../../signals/lenient';
import type { VendorHttpClient } from '../http';
import { ADVANCE_TOKEN_CODES, describeTokenCode, isOneOf } from './codes';
import type { AdvanceTokenRequest } from './types';
import { abortable } from '../abortable';

/** The vendor's documented token path, appended to the base URL. */
export const ADVANCE_TOKEN_PATH = '/openapi/auth/ticket/v1/generate-token';

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
export class AdvanceTokenError extends Error {
  override readonly name = 'AdvanceTokenError';
  constructor(
    readonly code: string,
    message: string,
    readonly reference: string | null,
    /** The token API's HTTP status, for the retry policy (a documented code on a 5xx is transient). */
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

export interface IssuedToken {
  token: string;
  /** Epoch ms after which the vendor refuses the token. */
  expiresAt: number;
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
      path: ADVANCE_TOKEN_PATH,
      body: toTokenRequestBody(options.accessKey, options.secretKey, timestamp, periodSecond),
      signal: new AbortController().signal,
    });
    return parseTokenAnswer(res.status, res.json, timestamp, periodSecond);
  };
}

export interface TokenCacheOptions {
  now?: () => number;
  /** Renew this long before expiredTime, capped at a tenth of the token's lifetime. */
  safetyMarginMs?: number;
}

interface CachedToken {
  token: string;
  renewAt: number;
}

/**
 * Holds one access token and renews it before it expires. Callers that need a token while a
 * renewal is under way share that one renewal; a failed renewal is not cached, so the next caller
 * tries again. A token the vendor refused is dropped with `invalidate`, once, however many callers
 * saw the refusal.
 */
export class AdvanceTokenCache {
  private current: CachedToken | null = null;
  private inflight: Promise<IssuedToken> | null = null;
  private readonly now: () => number;
  private readonly safetyMarginMs: number;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    options: TokenCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.safetyMarginMs = options.safetyMarginMs ?? 60_000;
  }

  /** A token valid for at least the safety margin. Rejects with AbortError when `signal` aborts. */
  async get(signal: AbortSignal): Promise<string> {
    const cached = this.current;
    if (cached !== null && this.now() < cached.renewAt) return cached.token;
    return (await abortable(this.renew(), signal)).token;
  }

  /** Forgets `token` if it is still the cached one (a newer token is kept). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private renew(): Promise<IssuedToken> {
    if (this.inflight !== null) return this.inflight;
    const issuedAt = this.now();
    const attempt = this.issue().then((issued) => {
      const lifetime = Math.max(0, issued.expiresAt - issuedAt);
      const margin = Math.min(this.safetyMarginMs, lifetime / 10);
      this.current = { token: issued.token, renewAt: issued.expiresAt - margin };
      return issued;
    });
    this.inflight = attempt;
    const settle = (): void => {
      if (this.inflight === attempt) this.inflight = null;
    };
    attempt.then(settle, settle);
    return attempt;
  }
}
