import { Counter, Gauge, type Registry } from 'prom-client';
import type { BreakerState } from './circuit-breaker';
import type { VendorResilience } from './vendor-resilience';

const STATES: BreakerState[] = ['CLOSED', 'HALF_OPEN', 'OPEN'];

/**
 * The per-vendor protection in Prometheus, on the gateway's registry:
 * - ekyc_vendor_breaker_state{vendor,state}: 1 for the breaker's current state (closed, half_open, open), 0 for the others;
 * - ekyc_vendor_error_rate{vendor}: failed attempts over all attempts in the stats window (absent without attempts);
 * - ekyc_vendor_retries_total{vendor,reason}: retries, by why (transient, throttled);
 * - ekyc_vendor_short_circuits_total{vendor,reason}: calls answered without reaching the vendor (circuit_open, rate_limited).
 */
export function registerResilienceMetrics(registry: Registry, resilience: VendorResilience): void {
  const registers = [registry];
  new Gauge({
    name: 'ekyc_vendor_breaker_state',
    help: 'Circuit breaker of each vendor: 1 for its current state (closed, half_open, open), 0 otherwise.',
    labelNames: ['vendor', 'state'] as const,
    registers,
    collect() {
      for (const health of resilience.health()) {
        for (const state of STATES) this.set({ vendor: health.vendor, state: state.toLowerCase() }, health.breaker === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'ekyc_vendor_error_rate',
    help: 'Share of failed attempts (transport, timeout, 5xx, 429, quota, unreadable) per vendor over the stats window.',
    labelNames: ['vendor'] as const,
    registers,
    collect() {
      this.reset();
      for (const health of resilience.health()) if (health.errorRate !== null) this.set({ vendor: health.vendor }, health.errorRate);
    },
  });
  const retries = new Counter({
    name: 'ekyc_vendor_retries_total',
    help: 'Vendor attempts retried, by vendor and reason (transient, throttled).',
    labelNames: ['vendor', 'reason'] as const,
    registers,
  });
  const shortCircuits = new Counter({
    name: 'ekyc_vendor_short_circuits_total',
    help: 'Vendor calls answered FAILED without reaching the vendor, by reason (circuit_open, rate_limited).',
    labelNames: ['vendor', 'reason'] as const,
    registers,
  });
  resilience.observe({
    retry: (vendor, reason) => retries.inc({ vendor, reason }),
    shortCircuit: (vendor, reason) => shortCircuits.inc({ vendor, reason }),
  });
}
