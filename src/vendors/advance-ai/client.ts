import type { VendorOutcome, VerdictCheck } from '../../signals/model';
import { VendorAdapterBase } from '../adapter-base';
import { VendorHttpClient, type VendorHttpResponse } from '../http';
import { RenewingToken } from '../renewing-token';
import type { VerificationRequest } from '../vendor';
import type { VendorCall } from '../vendor-call';
import type { AdvanceAiConfig } from './module';
import { ADVANCE_PATHS } from './paths';
import { ADVANCE_TOKEN_RENEWAL, createTokenIssuer } from './token-issuer';
import { isTokenRefused, toGetResultBody, toOutcome } from './transformers';

/**
 * ADVANCE.AI IDVS: pulls the result of the hosted capture flow the user completed, by its
 * signatureId. Every call carries a cached access token; a token the vendor refuses is renewed
 * once and the call retried once.
 */
export class AdvanceAiAdapter extends VendorAdapterBase<string> {
  readonly vendor = 'ADVANCE_AI' as const;
  readonly checks: readonly VerdictCheck[] = ['FACE', 'OCR', 'DOCUMENT', 'QUALITY'];
  protected readonly missingInput = 'No faceSignatureId was given';
  private readonly http: VendorHttpClient;
  private readonly tokens: RenewingToken;

  constructor(config: AdvanceAiConfig) {
    super();
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
    const issue = createTokenIssuer(this.http, { accessKey: config.accessKey, secretKey: config.secretKey, periodSecond: config.tokenPeriodSeconds });
    this.tokens = new RenewingToken(issue, ADVANCE_TOKEN_RENEWAL);
  }

  /** The signatureId of the finished hosted capture. */
  protected inputOf(request: VerificationRequest): string | null {
    const signatureId = request.faceSignatureId?.trim();
    return signatureId ? signatureId : null;
  }

  protected keyOf(signatureId: string): string {
    return signatureId;
  }

  protected async send(signatureId: string, call: VendorCall): Promise<VendorOutcome> {
    let token = await call.token((signal) => this.tokens.get(signal));
    let res = await this.getResult(signatureId, token, call);
    if (isTokenRefused(res.status, res.json)) {
      this.tokens.invalidate(token);
      token = await call.token((signal) => this.tokens.get(signal));
      res = await this.getResult(signatureId, token, call);
    }
    return toOutcome(res.status, res.json);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private getResult(signatureId: string, token: string, call: VendorCall): Promise<VendorHttpResponse> {
    return call.send(this.http, {
      method: 'POST',
      path: ADVANCE_PATHS.getResult,
      headers: { 'X-ACCESS-TOKEN': token },
      body: toGetResultBody(signatureId),
    });
  }
}
