import { toRecord, toText } from '../../signals/lenient';
import { VendorHttpClient } from '../http';
import type { HuaweiIamPasswordAuthRequest } from './types';
import { abortable } from '../abortable';

/** IAM tokens are valid 24 hours; used when IAM's answer does not say when the token expires. */
const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A token is renewed this long before it expires (at most half its lifetime). */
const RENEW_BEFORE_EXPIRY_MS = 60 * 60 * 1000;

const IAM_TOKEN_PATH = '/v3/auth/tokens';

/** The password-method credentials an IAM token is fetched with, scoped to the region's project. */
export interface HuaweiIamCredentials {
  iamUrl: string;
  username: string;
  password: string;
  domain: string;
  region: string;
}

/** IAM refused to issue a token, or answered without one. `code` is IAM's code or ours; never a secret. */
export class HuaweiTokenError extends Error {
  override readonly name = 'HuaweiTokenError';
  constructor(
    readonly code: string,
    message: string,
    /** IAM's HTTP status, for the retry policy (a 503 or a 429 from IAM is worth another try). */
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
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

interface CachedToken {
  token: string;
  expiresAt: number;
  renewAt: number;
}

/**
 * Reads IAM's answer: the token is the X-Subject-Token header, its expiry `token.expires_at` in the
 * body (24 hours from now when absent or unreadable). Throws HuaweiTokenError for any refusal.
 */
function readIamTokenAnswer(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
  now: number,
): CachedToken {
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
  const expiresAt = Number.isFinite(parsed) ? parsed : now + TOKEN_LIFETIME_MS;
  const margin = Math.min(RENEW_BEFORE_EXPIRY_MS, Math.max(0, (expiresAt - now) / 2));
  return { token, expiresAt, renewAt: expiresAt - margin };
}

/**
 * Fetches an IAM token with the password method and keeps it until shortly before it expires.
 * Concurrent callers share one renewal. Inside the renewal window the current (still valid) token is
 * handed out while a fresh one is fetched in the background; a failed renewal is not cached, so the
 * next call tries again.
 */
export class IamTokenProvider implements HuaweiTokenSource {
  private readonly http: VendorHttpClient;
  private cached: CachedToken | null = null;
  private inFlight: Promise<CachedToken> | null = null;

  constructor(
    private readonly credentials: HuaweiIamCredentials,
    timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.http = new VendorHttpClient(credentials.iamUrl, timeoutMs, 2);
  }

  async token(signal: AbortSignal): Promise<string> {
    const cached = this.cached;
    const now = this.now();
    if (cached && now < cached.renewAt) return cached.token;
    if (cached && now < cached.expiresAt) {
      this.renew().catch(() => undefined); // the next caller retries; this one still has a valid token
      return cached.token;
    }
    return (await abortable(this.renew(), signal)).token;
  }

  invalidate(token: string): boolean {
    if (this.cached?.token === token) this.cached = null;
    return true;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private renew(): Promise<CachedToken> {
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchToken(): Promise<CachedToken> {
    // Shared by every waiting caller, so no single caller's signal may cancel it: the IAM client's
    // own deadline bounds it instead.
    const res = await this.http.request({
      method: 'POST',
      path: IAM_TOKEN_PATH,
      headers: { 'content-type': 'application/json;charset=utf8' },
      body: iamPasswordAuthBody(this.credentials),
      signal: new AbortController().signal,
    });
    const fresh = readIamTokenAnswer(res.status, res.headers, res.json, this.now());
    this.cached = fresh;
    return fresh;
  }
}
