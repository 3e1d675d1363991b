import { emptyOutcome, type VendorOutcome, type VerdictCheck } from '../../signals/model';
import { guardCall } from '../guard-call';
import { VendorHttpClient, VendorTimeoutError, VendorTransportError, type VendorHttpResponse } from '../http';
import { noteTokenFailure } from '../resilience/attempt-probe';
import type { CommonVendorConfig, ImageRef, VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import { FixedHuaweiToken, HuaweiTokenError, IamTokenProvider, type HuaweiIamCredentials, type HuaweiTokenSource } from './iam-token';
import type { BodyParts } from '../body-parts';
import { isObsUrl } from './obs-url';
import { huaweiOutcome, huaweiRequestParts, type HuaweiImageInput } from './transformers';

const VENDOR = 'HUAWEI_OCR' as const;
/** Any character base64 does not use: searched for rather than matching the whole text (twice as fast on 11 MB). */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/** How the adapter authenticates: a fixed token, or IAM password credentials it fetches tokens with. */
export type HuaweiAuthConfig = { kind: 'token'; token: string } | ({ kind: 'iam' } & HuaweiIamCredentials);

export interface HuaweiOcrConfig extends CommonVendorConfig {
  projectId: string;
  auth: HuaweiAuthConfig;
}

/**
 * Huawei Cloud OCR, Cambodian ID card. Reads the front of the card (base64, an OBS URL, or any other
 * URL fetched by the gateway and sent as base64) and returns its text fields, MRZ lines and the
 * original-vs-copy verdict. A 401 with an IAM token renews the token
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
      const input = await this.imageInput(image, context);
      if (input === null) return emptyOutcome(VENDOR, 'FAILED', 'IMAGE_FETCH_FAILED', 'the image URL could not be fetched');
      const body = huaweiRequestParts(input);

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

  /**
   * The image as the vendor takes it: base64 as given, an OBS URL as is, any other URL fetched and
   * sent as base64 (null when it could not be fetched). A deadline or an abort is still a timeout.
   */
  private async imageInput(image: ImageRef, context: VendorCallContext): Promise<HuaweiImageInput | null> {
    if (image.kind === 'base64') return { kind: 'base64', base64: image.base64 };
    if (isObsUrl(image.url)) return { kind: 'obs', url: image.url };
    let base64: string;
    try {
      base64 = await context.fetchImageBase64(image.url, context.signal);
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      if (error instanceof VendorTimeoutError || context.signal.aborted || name === 'AbortError' || name === 'TimeoutError') {
        throw error instanceof VendorTimeoutError ? error : new VendorTimeoutError('the image URL was not fetched before the deadline');
      }
      return null;
    }
    // The body is written around the text, so it must be base64 and nothing else.
    return base64 !== '' && !NOT_BASE64.test(base64) ? { kind: 'base64', base64 } : null;
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
