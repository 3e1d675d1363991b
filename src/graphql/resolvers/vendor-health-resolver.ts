import { Query, Resolver } from 'type-graphql';
import type { GatewayServices } from '../services';
import { VendorHealthType } from '../types/vendor-health';

/**
 * `vendors`: each vendor's circuit breaker, latency percentiles and error rate. Open to every API key:
 * it tells a partner why cases are coming back REVIEW with a vendor unavailable, and holds no case data.
 */
@Resolver()
export class VendorHealthResolver {
  constructor(private readonly services: GatewayServices) {}

  @Query(() => [VendorHealthType], { description: "Every vendor's breaker state, recent latency (p50, p99) and error rate, as this gateway process sees them." })
  vendors(): VendorHealthType[] {
    const simulated = new Set(this.services.simulated ?? []);
    return this.services.vendorHealth.health().map((h) => ({ ...h, simulated: simulated.has(h.vendor) }));
  }
}
