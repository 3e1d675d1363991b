import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Vendor } from '../../signals/model';
import type { BreakerState, VendorHealth } from '../../orchestration/vendor-health-port';
import { VendorEnum } from '../enums';

const BreakerStateEnum = { CLOSED: 'CLOSED', OPEN: 'OPEN', HALF_OPEN: 'HALF_OPEN' } as const;
const VendorHealthStatusEnum = { UP: 'UP', DEGRADED: 'DEGRADED', DOWN: 'DOWN' } as const;

registerEnumType(BreakerStateEnum, {
  name: 'BreakerState',
  description: "A vendor's circuit breaker.",
  valuesConfig: {
    CLOSED: { description: 'Calls go to the vendor.' },
    OPEN: { description: 'After a run of failed attempts: calls fail fast (FAILED, CIRCUIT_OPEN) without reaching the vendor.' },
    HALF_OPEN: { description: 'The open time is over: one call probes the vendor; its success closes the breaker.' },
  },
});
registerEnumType(VendorHealthStatusEnum, {
  name: 'VendorHealthStatus',
  valuesConfig: {
    UP: { description: 'Breaker closed and fewer than 20% of recent attempts failed.' },
    DEGRADED: { description: 'Breaker half-open, the vendor asked to slow down (429), or at least 20% of recent attempts failed.' },
    DOWN: { description: 'Breaker open: calls fail fast.' },
  },
});

@ObjectType('VendorHealth', { description: "One vendor's state as this gateway process sees it: breaker, recent latency and error rate." })
export class VendorHealthType implements VendorHealth {
  @Field(() => VendorEnum)
  vendor!: Vendor;

  @Field(() => VendorHealthStatusEnum)
  status!: VendorHealth['status'];

  @Field(() => BreakerStateEnum)
  breaker!: BreakerState;

  @Field(() => Int, { nullable: true, description: 'Median latency of recent attempts, in ms; null without attempts in the window.' })
  latencyP50!: number | null;

  @Field(() => Int, { nullable: true, description: '99th percentile latency of recent attempts, in ms; null without attempts in the window.' })
  latencyP99!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share (0..1) of recent attempts that failed: transport error, timeout, 5xx, 429, quota, unreadable answer. A vendor verdict is never a failure.',
  })
  errorRate!: number | null;

  @Field(() => Int, {
    description: 'Attempts the figures are read over: those of the window (VENDOR_STATS_WINDOW_MS, one minute by default), at most the last 1,024, retries included.',
  })
  calls!: number;

  @Field(() => Date, { nullable: true, description: 'The vendor answered 429: no call goes to it before this time.' })
  rateLimitedUntil!: Date | null;

  @Field(() => Boolean, {
    description: 'Answers come from an in-process simulator, not the vendor (development, or SIMULATORS=on for a staging demo): never decide real cases on them.',
  })
  simulated!: boolean;
}
