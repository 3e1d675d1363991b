import DataLoader from 'dataloader';
import type { VendorSignals } from '../signals/model';
import { callVendor, type VendorCall, type VendorCallOptions } from './call-vendor';

export type VendorLoader = DataLoader<VendorCall, VendorSignals, string>;

/**
 * A loader of vendor calls keyed by vendor and input, for one API request: however many
 * verifications of one operation need a vendor's answer, each vendor is called once per distinct
 * input. All calls of a tick start together, so a verification lasts as long as its slowest vendor.
 */
export function createVendorLoader(options: VendorCallOptions): VendorLoader {
  return new DataLoader<VendorCall, VendorSignals, string>(async (calls) => Promise.all(calls.map((call) => callVendor(call, options))), {
    cacheKeyFn: (call) => `${call.vendor}\u0000${call.inputKey}`,
  });
}
