import { emptyOutcome, type VendorOutcome, type VerdictCheck } from '../../signals/model';
import { guardCall } from '../guard-call';
import { VendorHttpClient, VendorTransportError, type VendorHttpResponse } from '../http';
import { noteTokenFailure } from '../resilience/attempt-probe';
import type { CommonVendorConfig, VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import { AdvanceTokenCache, AdvanceTokenError, createTokenIssuer } from './token-cache';
import { isTokenRefused, toGetResultBody, toOutcome } from './transformers';

/** The vendor's documented Get Result path, appended to the base URL. */
const ADVANCE_GET_RESULT_PATH = '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result';

export interface AdvanceAiConfig extends CommonVendorConfig {
  accessKey: string;
  secretKey: string;
  /** Lifetime asked of each access token (vendor range 60..86400 seconds). */
  tokenPeriodSeconds: number;
}

/**
 * ADVANCE.AI IDVS: pulls the result of the hosted capture flow the user completed, by its
 * signatureId. Every call carries a cached access token; a token the vendor refuses is renewed
 * once and the call retried once.
 */
export class AdvanceAiAdapter implements VendorAdapter {
  readonly vendor = 'ADVANCE_AI' as const;
  readonly checks: readonly VerdictCheck[] = ['FACE', 'OCR', 'DOCUMENT', 'QUALITY'];
  private readonly http: VendorHttpClient;
  private readonly tokens: AdvanceTokenCache;

  constructor(config: AdvanceAiConfig) {
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
    this.tokens = new AdvanceTokenCache(
      createTokenIssuer(this.http, {
        accessKey: config.accessKey,
        secretKey: config.secretKey,
        periodSecond: config.tokenPeriodSeconds,
      }),
    );
  }

  inputKey(request: VerificationRequest): string | null {
    const signatureId = request.faceSignatureId?.trim();
    return signatureId ? signatureId : null;
  }

  call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> {
    return guardCall(this.vendor, async () => {
      const signatureId = this.inputKey(request);
      if (signatureId === null) return emptyOutcome(this.vendor, 'SKIPPED', null, 'No faceSignatureId was given');
      try {
        let token = await this.tokens.get(context.signal);
        let res = await this.getResult(signatureId, token, context);
        if (isTokenRefused(res.status, res.json)) {
          this.tokens.invalidate(token);
          token = await this.tokens.get(context.signal);
          res = await this.getResult(signatureId, token, context);
        }
        return toOutcome(res.status, res.json);
      } catch (error) {
        if (error instanceof VendorTransportError) noteTokenFailure(context.observation, { transportCode: error.code });
        if (error instanceof AdvanceTokenError) {
          noteTokenFailure(context.observation, { httpStatus: error.httpStatus });
          return emptyOutcome(this.vendor, 'FAILED', error.code, error.message, error.reference);
        }
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private getResult(signatureId: string, token: string, context: VendorCallContext): Promise<VendorHttpResponse> {
    return this.http.request({
      method: 'POST',
      path: ADVANCE_GET_RESULT_PATH,
      headers: { 'X-ACCESS-TOKEN': token },
      body: toGetResultBody(signatureId),
      signal: context.signal,
      call: context,
    });
  }
}
