import type { VendorCallOptions } from './call-vendor';
import { createVendorLoader, type VendorLoader } from './vendor-loader';

/**
 * What the verifications of one API request share: whose cases they create, and the vendor calls
 * already made for the request (with the caller's trace headers), so each vendor is called once per
 * distinct input however many verifications of the operation need it. One per request (made by
 * Verifier.session); its loader is made on the first verification (most requests make none) and
 * never outlives the request.
 */
export class VerificationSession {
  private loader: VendorLoader | null = null;

  constructor(
    /** Whose cases the verifications create: the API key's id. Scopes the caseNo. */
    readonly owner: string,
    private readonly callOptions: VendorCallOptions,
  ) {}

  vendorLoader(): VendorLoader {
    this.loader ??= createVendorLoader(this.callOptions);
    return this.loader;
  }
}
