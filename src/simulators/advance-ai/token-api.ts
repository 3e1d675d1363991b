import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http-server';
import { ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY, ADVANCE_SIMULATOR_DISABLED_SECRET_KEY, ADVANCE_SIMULATOR_SECRET_KEY } from './credentials';
import { envelope, TOKEN_ERRORS } from './responses';

/** The vendor suggests a timestamp within 300 seconds of its clock. */
const TIMESTAMP_TOLERANCE_MS = 300_000;

const ACCOUNTS: ReadonlyMap<string, { secretKey: string; disabled: boolean }> = new Map([
  [ADVANCE_SIMULATOR_ACCESS_KEY, { secretKey: ADVANCE_SIMULATOR_SECRET_KEY, disabled: false }],
  [ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY, { secretKey: ADVANCE_SIMULATOR_DISABLED_SECRET_KEY, disabled: true }],
]);

/** The simulated token API: checks the signed request, issues tokens and remembers their expiry. */
export class SimulatedTokenApi {
  private readonly tokens = new Map<string, number>();
  private count = 0;

  constructor(private readonly now: () => number) {}

  /** How many tokens have been issued. */
  get issued(): number {
    return this.count;
  }

  /** Whether `token` was issued and has not expired. */
  accepts(token: string | undefined): boolean {
    const expiry = token === undefined ? undefined : this.tokens.get(token);
    return expiry !== undefined && expiry > this.now();
  }

  /** Forgets every issued token, as when the vendor expires them early. */
  revoke(): void {
    this.tokens.clear();
  }

  issue(req: SimRequest): SimResponse {
    const body = req.json;
    // Undocumented: the status of token API errors. Business errors answer HTTP 200 with the code
    // in the envelope (the vendor's pattern); a body that is not JSON is CLIENT_ERROR with HTTP 400.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return tokenError('badRequest', 400);
    const { accessKey, timestamp, signature, periodSecond } = body as Record<string, unknown>;
    const stamp = typeof timestamp === 'number' || typeof timestamp === 'string' ? String(timestamp).trim() : '';
    if (typeof accessKey !== 'string' || !accessKey || !stamp || typeof signature !== 'string' || !signature) {
      return tokenError('empty');
    }
    if (!/^\d{13}$/.test(stamp) || Math.abs(this.now() - Number(stamp)) > TIMESTAMP_TOLERANCE_MS) return tokenError('timestamp');
    const account = ACCOUNTS.get(accessKey);
    // An unknown access key cannot be told apart from a wrong secret: both are a signature error.
    if (account === undefined || !sameText(signature, sha256Hex(`${accessKey}${account.secretKey}${stamp}`))) {
      return tokenError('signature');
    }
    if (account.disabled) return tokenError('disabled');
    const period = periodSecond === undefined || periodSecond === null || periodSecond === '' ? 3600 : Number(periodSecond);
    // Undocumented: a periodSecond outside 60..86400 is answered as a PARAMETER_ERROR.
    if (!Number.isInteger(period) || period < 60 || period > 86_400) {
      return { status: 200, json: envelope('PARAMETER_ERROR', 'periodSecond error', null) };
    }
    return { status: 200, json: envelope('SUCCESS', 'OK', this.newToken(period)) };
  }

  private newToken(periodSeconds: number): { token: string; expiredTime: number } {
    for (const [token, expiry] of this.tokens) if (expiry <= this.now()) this.tokens.delete(token);
    const token = `sim.${randomBytes(24).toString('base64url')}`;
    const expiredTime = this.now() + periodSeconds * 1000;
    this.tokens.set(token, expiredTime);
    this.count += 1;
    return { token, expiredTime };
  }
}

function tokenError(kind: keyof typeof TOKEN_ERRORS, status = 200): SimResponse {
  const [code, message] = TOKEN_ERRORS[kind];
  return { status, json: envelope(code, message, null) };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
