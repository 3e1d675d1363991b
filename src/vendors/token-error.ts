/**
 * A vendor's token service refused to issue a token or answered without one. `code` is the service's
 * code or ours, `message` ours: never a key, a secret or the service's text. The adapter kit turns it
 * into a FAILED outcome and shows the retry policy the token service's HTTP status.
 */
export class VendorTokenError extends Error {
  override readonly name: string = 'VendorTokenError';
  constructor(
    readonly code: string,
    message: string,
    /** The token service's HTTP status, for the retry policy (a 503 or a 429 is worth another try). */
    readonly httpStatus: number | null = null,
    /** The token service's reference for this refusal, when it gave one. */
    readonly reference: string | null = null,
  ) {
    super(message);
  }
}
