import { emptyOutcome, type VendorOutcome, type VerdictCheck } from '../../signals/model';
import { guardCall } from '../guard-call';
import { VendorHttpClient, VendorTransportError, type VendorHttpResponse } from '../http';
import { noteTokenFailure } from '../resilience/attempt-probe';
import type { CommonVendorConfig, VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import { FixedHuaweiToken, HuaweiTokenError, IamTokenProvider, type HuaweiIamCredentials, type HuaweiTokenSource } from './iam-token';
import type { BodyParts } from '../body-parts';
import { huaweiOutcome, huaweiRequestParts } from './transformers';

const VENDOR = 'HUAWEI_OCR' as const;

/** How the adapter authenticates: a fixed token, or IAM password credentials it fetches tokens with. */
export type HuaweiAuthConfig = { kind: 'token'; token: string } | ({ kind: 'iam' } & HuaweiIamCredentials);

export interface HuaweiOcrConfig extends CommonVendorConfig {
  projectId: string;
  auth: HuaweiAuthConfig;
}

/**
 * Huawei Cloud OCR, Cambodian ID card. Reads the front of the card (base64 or URL) and returns its
 * text fields, MRZ lines and the original-vs-copy verdict. A 401 with an IAM token renews the token
 * once and retries once; a fixed token is never retried.
 */
export class HuaweiOcrAdapter implements VendorAdapter {
  readonly vendor = VENDOR;
  readonly checks: readonly VerdictCheck[] = ['OCR', 'DOCUMENT'];
  private readonly http: VendorHttpClient;
  private readonly tokens: HuaweiTokenSource;
  private readonly path: string;

  constructor(config: HuaweiOcrConfig, tokens?: HuaweiTokenSource) {
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
    this.path = `/v2/${encodeURIComponent(config.projectId)}/ocr/cambodian-idcard`;
    this.tokens =
      tokens ??
      (config.auth.kind === 'token' ? new FixedHuaweiToken(config.auth.token) : new IamTokenProvider(config.auth, config.timeoutMs));
  }

  inputKey(request: VerificationRequest): string | null {
    const image = request.documentFront;
    if (image === null) return null;
    return image.kind === 'base64' ? `front:sha256:${image.sha256}` : `front:url:${image.url}`;
  }

  call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> {
    return guardCall(VENDOR, async () => {
      const image = request.documentFront;
      if (image === null) return emptyOutcome(VENDOR, 'SKIPPED', null, 'no front image of the card');
      const body = huaweiRequestParts(image);

      let token = await this.token(context);
      if (typeof token !== 'string') return token;
      let res = await this.post(body, token, context);
      if (res.status === 401 && this.tokens.invalidate(token)) {
        token = await this.token(context);
        if (typeof token !== 'string') return token;
        res = await this.post(body, token, context);
      }
      return huaweiOutcome(res.status, res.json, requestIdOf(res));
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.tokens.close()]);
  }

  /** The token, or the FAILED outcome IAM's refusal becomes. */
  private async token(context: VendorCallContext): Promise<string | VendorOutcome> {
    try {
      return await this.tokens.token(context.signal);
    } catch (error) {
      if (error instanceof VendorTransportError) noteTokenFailure(context.observation, { transportCode: error.code });
      if (error instanceof HuaweiTokenError) {
        noteTokenFailure(context.observation, { httpStatus: error.httpStatus });
        return emptyOutcome(VENDOR, 'FAILED', error.code, 'IAM did not issue a token for the OCR call');
      }
      throw error;
    }
  }

  private post(body: BodyParts, token: string, context: VendorCallContext): Promise<VendorHttpResponse> {
    return this.http.request({
      method: 'POST',
      path: this.path,
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      body,
      signal: context.signal,
      call: context,
    });
  }
}

function requestIdOf(res: VendorHttpResponse): string | null {
  const header = res.headers['x-request-id'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value ? value : null;
}
