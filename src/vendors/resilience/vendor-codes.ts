import type { Vendor } from '../../signals/model';
import { byVendor } from '../registry';

/** A vendor's "not now" codes (VendorModule.codes), as sets the retry policy looks codes up in. */
export interface VendorCodeSets {
  transient: ReadonlySet<string>;
  throttled: ReadonlySet<string>;
  quota: ReadonlySet<string>;
  transientOn5xx: ReadonlySet<string>;
}

export const VENDOR_CODES: Readonly<Record<Vendor, VendorCodeSets>> = byVendor(({ codes }) => ({
  transient: new Set(codes.transient),
  throttled: new Set(codes.throttled),
  quota: new Set(codes.quota),
  transientOn5xx: new Set(codes.transientOn5xx),
}));
