import { toRecord, toText } from '../../signals/lenient';
import { VendorHttpClient } from '../http';
import { RenewingToken, type IssuedToken } from '../renewing-token';
import type { HuaweiIamPasswordAuthRequest } from './types';
import { HUAWEI_PATHS } from './paths';
import { VendorTokenError } from '../token-error';

/** IAM tokens are valid 24 hours; used when IAM's answer does not say when the token expires. */
const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A token is renewed an hour before it expires, at most half its lifetime. */
const IAM_TOKEN_RENEWAL = { maxMarginMs: 60 * 60 * 1000, marginFraction: 0.5 } as const;

/** The password-method credentials an IAM token is fetched with, scoped to the region's project. */
export interface HuaweiIamCredentials {
  iamUrl: string;
  username: string;
  password: string;
  domain: string;
  region: string;
}

/** IAM refused to issue a token, or answered without one. `code` is IAM's code or ours; never a secret. */
class HuaweiTokenError extends VendorTokenError {
  override readonly name = 'HuaweiTokenError';
}

/** Where the adapter gets the X-Auth-Token it sends. */
export interface HuaweiTokenSource {
  /** The token to send now; rejects with HuaweiTokenError when none can be had. */
  token(signal: AbortSignal): Promise<string>;
  /**
   * The vendor rejected `token`: drop it so the next `token()` fetches a fresh one. False when this
   * source cannot renew (a fixed token), so retrying is pointless.
   */
  invalidate(token: string): boolean;
  close(): Promise<void>;
}

/** A token configured once (HUAWEI_AUTH_TOKEN); it is never renewed. */
export class FixedHuaweiToken implements HuaweiTokenSource {
  constructor(private readonly value: string) {}
  token(): Promise<string> {
    return Promise.resolve(this.value);
  }
  invalidate(): boolean {
    return false;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The IAM request body: password method, project scope named after the region. */
function iamPasswordAuthBody(credentials: HuaweiIamCredentials): string {
  const body: HuaweiIamPasswordAuthRequest = {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: { name: credentials.username, password: credentials.password, domain: { name: credentials.domain } },
        },
      },
      scope: { project: { name: credentials.region } },
    },
  };
  return JSON.stringify(body);
}

/**
 * Reads IAM's answer: the token is the X-Subject-Token header, its expiry `token.expires_at` in the
 * body (24 hours from now when absent or unreadable). Throws HuaweiTokenError for any refusal.
 */
function readIamTokenAnswer(status: number, headers: Record<string, string | string[] | undefined>, body: unknown, now: number): IssuedToken {
  const record = toRecord(body);
  if (status < 200 || status >= 300) {
    const code = toText(record?.error_code)?.trim() || `IAM_HTTP_${status}`;
    throw new HuaweiTokenError(code, `IAM refused to issue a token (HTTP ${status})`, status);
  }
  const header = headers['x-subject-token'];
  const token = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!token) throw new HuaweiTokenError('IAM_NO_TOKEN', 'IAM answered without an X-Subject-Token header');
  const expiresText = toText(toRecord(record?.token)?.expires_at);
  const parsed = expiresText === null ? Number.NaN : Date.parse(expiresText);
  return { token, expiresAt: Number.isFinite(parsed) ? parsed : now + TOKEN_LIFETIME_MS };
}

/** Fetches IAM tokens with the password method and keeps one renewed (RenewingToken). */
export class IamTokenProvider implements HuaweiTokenSource {
  private readonly http: VendorHttpClient;
  private readonly tokens: RenewingToken;

  constructor(
    private readonly credentials: HuaweiIamCredentials,
    timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.http = new VendorHttpClient(credentials.iamUrl, timeoutMs, 2);
    this.tokens = new RenewingToken(() => this.fetchToken(), { ...IAM_TOKEN_RENEWAL, now });
  }

  token(signal: AbortSignal): Promise<string> {
    return this.tokens.get(signal);
  }

  invalidate(token: string): boolean {
    this.tokens.invalidate(token);
    return true;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async fetchToken(): Promise<IssuedToken> {
    // Shared by every waiting caller, so no single caller's signal may cancel it: the IAM client's
    // own deadline bounds it instead.
    const res = await this.http.request({
      method: 'POST',
      path: HUAWEI_PATHS.iamToken,
      headers: { 'content-type': 'application/json;charset=utf8' },
      body: iamPasswordAuthBody(this.credentials),
      signal: new AbortController().signal,
    });
    return readIamTokenAnswer(res.status, res.headers, res.json, this.now());
  }
}
