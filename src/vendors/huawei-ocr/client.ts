import type { VendorOutcome, VerdictCheck } from '../../signals/model';
import { VendorAdapterBase } from '../adapter-base';
import type { BodyParts } from '../body-parts';
import { VendorHttpClient, type VendorHttpResponse } from '../http';
import { imageKey } from '../image-key';
import type { ImageRef, VerificationRequest } from '../vendor';
import type { VendorCall } from '../vendor-call';
import { FixedHuaweiToken, IamTokenProvider, type HuaweiTokenSource } from './iam-token';
import type { HuaweiOcrConfig } from './module';
import { isObsUrl } from './obs-url';
import { HUAWEI_PATHS } from './paths';
import { toOutcome, toRequestParts, type HuaweiImageInput } from './transformers';

/**
 * Huawei Cloud OCR, Cambodian ID card. Reads the front of the card (base64, an OBS URL, or any other
 * URL fetched by the gateway and sent as base64) and returns its text fields, MRZ lines and the
 * original-vs-copy verdict. A 401 with an IAM token renews the token once and retries once; a fixed
 * token is never retried.
 */
export class HuaweiOcrAdapter extends VendorAdapterBase<ImageRef> {
  readonly vendor = 'HUAWEI_OCR' as const;
  readonly checks: readonly VerdictCheck[] = ['OCR', 'DOCUMENT'];
  protected readonly missingInput = 'no front image of the card';
  private readonly http: VendorHttpClient;
  private readonly tokens: HuaweiTokenSource;
  private readonly path: string;

  constructor(config: HuaweiOcrConfig, tokens?: HuaweiTokenSource) {
    super();
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
    this.path = HUAWEI_PATHS.cambodianIdCard(config.projectId);
    this.tokens = tokens ?? (config.auth.kind === 'token' ? new FixedHuaweiToken(config.auth.token) : new IamTokenProvider(config.auth, config.timeoutMs));
  }

  protected inputOf(request: VerificationRequest): ImageRef | null {
    return request.documentFront;
  }

  protected keyOf(front: ImageRef): string {
    return `front:${imageKey(front)}`;
  }

  protected async send(front: ImageRef, call: VendorCall): Promise<VendorOutcome> {
    const body = toRequestParts(await this.imageInput(front, call));
    let token = await call.token((signal) => this.tokens.token(signal));
    let res = await this.post(body, token, call);
    if (res.status === 401 && this.tokens.invalidate(token)) {
      token = await call.token((signal) => this.tokens.token(signal));
      res = await this.post(body, token, call);
    }
    return toOutcome(res.status, res.json, requestIdOf(res));
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.tokens.close()]);
  }

  /** The image as the vendor takes it: an OBS URL as is (the vendor reads it), anything else as base64. */
  private async imageInput(image: ImageRef, call: VendorCall): Promise<HuaweiImageInput> {
    if (image.kind === 'url' && isObsUrl(image.url)) return { kind: 'obs', url: image.url };
    return { kind: 'base64', base64: await call.imageBase64(image, 'the image URL') };
  }

  private post(body: BodyParts, token: string, call: VendorCall): Promise<VendorHttpResponse> {
    return call.send(this.http, {
      method: 'POST',
      path: this.path,
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      body,
    });
  }
}

function requestIdOf(res: VendorHttpResponse): string | null {
  const header = res.headers['x-request-id'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value ? value : null;
}
