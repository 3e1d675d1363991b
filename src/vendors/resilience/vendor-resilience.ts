import { VENDORS } from '../registry';
import { type Vendor } from '../../signals/model';
import type { ResilienceConfig } from '../../config/resilience-config';
import type { VendorAdapter } from '../vendor';
import { resilientAdapter, type ResilienceObserver } from './resilient-adapter';
import { VendorGuard, type VendorHealth } from './vendor-guard';

/**
 * The gateway's per-vendor protection: one guard (breaker, stats, rate-limit hold-off) per vendor,
 * shared by every verification and every pending re-poll of this process.
 */
export class VendorResilience {
  private readonly guards: Record<Vendor, VendorGuard>;
  private observers: ResilienceObserver[] = [];
  private readonly random: (() => number) | undefined;

  constructor(
    private readonly config: ResilienceConfig,
    options: { now?: () => number; random?: () => number } = {},
  ) {
    this.random = options.random;
    this.guards = Object.fromEntries(VENDORS.map((vendor) => [vendor, new VendorGuard(vendor, { ...config, now: options.now })])) as Record<Vendor, VendorGuard>;
  }

  /** The adapter with retries, breaker and rate-limit hold-off in front of it. */
  wrap(adapter: VendorAdapter): VendorAdapter {
    const observer: ResilienceObserver = {
      retry: (vendor, reason) => this.observers.forEach((o) => o.retry(vendor, reason)),
      shortCircuit: (vendor, reason) => this.observers.forEach((o) => o.shortCircuit(vendor, reason)),
    };
    return resilientAdapter(adapter, this.guards[adapter.vendor], { ...this.config, random: this.random }, observer);
  }

  observe(observer: ResilienceObserver): void {
    this.observers.push(observer);
  }

  guard(vendor: Vendor): VendorGuard {
    return this.guards[vendor];
  }

  /** Every vendor's health, in the canonical vendor order. */
  health(): VendorHealth[] {
    return VENDORS.map((vendor) => this.guards[vendor].health());
  }
}
