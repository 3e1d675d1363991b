import type { DocumentType, Vendor, VendorOutcome, VerdictCheck } from '../signals/model';
import type { SimulatorModule } from '../simulators/simulator';

/** An image as the caller gave it. Base64 images were checked (JPEG/PNG, size) before any adapter sees them. */
export type ImageRef = { kind: 'base64'; base64: string; mime: 'image/jpeg' | 'image/png'; bytes: number; sha256: string } | { kind: 'url'; url: string };

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
 * The vendor's documented codes that say "not now" rather than "no": a transient fault of the
 * vendor's side worth one more try, a rate limit, or an exhausted quota. Any code not listed is an
 * answer about this request (bad image, wrong credentials, a verdict) and is never retried.
 */
export interface VendorCodeTable {
  /** Transient vendor-side failures: retried (with backoff, within the deadline). */
  transient: readonly string[];
  /** "Too many requests": retried after the vendor's Retry-After when it fits the deadline. */
  throttled: readonly string[];
  /** The account has no calls left: not retried, and counted against the vendor's breaker. */
  quota: readonly string[];
  /**
   * Codes that are transient only when the HTTP status says the vendor failed (≥ 500): ADVANCE.AI
   * uses `ERROR` both for a server error (HTTP 500) and for a finished verification that failed.
   */
  transientOn5xx: readonly string[];
}

/**
 * Everything the gateway knows about one vendor, declared in the vendor's own `module.ts`: adding a
 * vendor touches its folder and one line of the registry. `C` is the adapter's own configuration
 * (base URL, credentials, deadline); `V` the vendor's id, a value of the GraphQL `Vendor` enum.
 */
export interface VendorModule<C extends CommonVendorConfig = CommonVendorConfig, V extends string = Vendor> {
  readonly vendor: V;
  /** Short name that aims a simulator scenario at this vendor (`huawei:server-error`). */
  readonly slug: string;
  /** Environment variable of the base URL; unset means "serve this vendor with its simulator" (development only). */
  readonly baseUrlVariable: string;
  /** Other variables this vendor reads (credentials), for documentation and start-up checks. */
  readonly variables: readonly string[];
  /** The documented codes the retry policy treats as "not now". */
  readonly codes: VendorCodeTable;
  /**
   * Every code the vendor's page documents for an answer, kept as the outcome's `errorCode`; the
   * simulator plays each as the scenario `error-<CODE>` (the conformance suite calls them all).
   */
  readonly documentedCodes: readonly string[];
  /**
   * Reads the adapter's configuration from the environment when the base URL is set; throws a
   * ConfigError naming the variable when a credential is missing or malformed.
   */
  readConfig(env: NodeJS.ProcessEnv, timeoutMs: number): C | null;
  createAdapter(config: C): VendorAdapter;
  /**
   * Development only: loads the vendor's simulator (src/simulators/<vendor>/). Called only where
   * simulators are allowed (the simulator registry), so production code never loads one.
   */
  loadSimulator(): Promise<SimulatorModule<C>>;
}
