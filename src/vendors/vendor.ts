import type { DocumentType, Vendor, VendorOutcome, VerdictCheck } from '../signals/model';
import type { AttemptObservation } from './resilience/attempt-probe';

/** An image as the caller gave it. Base64 images were checked (JPEG/PNG, size) before any adapter sees them. */
export type ImageRef =
  | { kind: 'base64'; base64: string; mime: 'image/jpeg' | 'image/png'; bytes: number; sha256: string }
  | { kind: 'url'; url: string };

/** The canonical verification request every adapter reads its input from. */
export interface VerificationRequest {
  caseNo: string;
  country: string;
  documentType: DocumentType;
  documentFront: ImageRef | null;
  documentBack: ImageRef | null;
  faceSignatureId: string | null;
}

export interface VendorCallContext {
  /** Aborts when the verification's deadline passes or the client goes away. */
  signal: AbortSignal;
  /** When the verification's deadline passes (epoch ms): no retry is started that cannot end before it. */
  deadlineAt?: number;
  /** Fetches an image URL and returns its base64, for vendors whose API takes bytes only. */
  fetchImageBase64(url: string, signal: AbortSignal): Promise<string>;
  /**
   * The caller's W3C trace headers, sent to the vendor when no span of ours is active (tracing
   * records nothing): the vendor still joins the caller's trace.
   */
  traceHeaders?: Readonly<Record<string, string>>;
  /** What the transport saw during this attempt, filled in by VendorHttpClient (the retry policy reads it). */
  observation?: AttemptObservation;
}

/**
 * The port every vendor adapter offers.
 *
 * `call` resolves for every answer the vendor gives, its documented error codes included (mapped to
 * FAILED / PENDING with the code kept); transport failures, deadlines and unreadable bodies also
 * resolve, as FAILED or TIMEOUT. It never rejects for anything a vendor does.
 */
export interface VendorAdapter {
  readonly vendor: Vendor;
  /**
   * The checks this vendor performs. Every OK answer carries a verdict for each of them; one the
   * adapter left out is recorded UNCLEAR by the orchestrator (never read as a pass).
   */
  readonly checks: readonly VerdictCheck[];
  /**
   * A stable key for the vendor input this request carries (same key → same vendor answer), or
   * null when the input this vendor needs is missing: the vendor is then SKIPPED, not called.
   */
  inputKey(request: VerificationRequest): string | null;
  call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome>;
  /** Closes keep-alive pools. */
  close(): Promise<void>;
}

/** Settings every adapter receives besides its own credentials. */
export interface CommonVendorConfig {
  baseUrl: string;
  timeoutMs: number;
}

/**
 * Everything the gateway knows about one vendor, so adding a vendor touches its folder and one line
 * of the registry. `C` is the adapter's own configuration (base URL, credentials, deadline).
 */
export interface VendorModule<C extends CommonVendorConfig = CommonVendorConfig> {
  readonly vendor: Vendor;
  /** Environment variable of the base URL; unset means "serve this vendor with its simulator" (development only). */
  readonly baseUrlVariable: string;
  /** Other variables this vendor reads (credentials), for documentation and start-up checks. */
  readonly variables: readonly string[];
  /**
   * Reads the adapter's configuration from the environment when the base URL is set; throws a
   * ConfigError naming the variable when a credential is missing or malformed.
   */
  readConfig(env: NodeJS.ProcessEnv, timeoutMs: number): C | null;
  createAdapter(config: C): VendorAdapter;
}
