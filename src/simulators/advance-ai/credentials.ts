/**
 * Credentials the ADVANCE.AI simulator accepts. Clearly fake: they open nothing but the simulator.
 */
export const ADVANCE_SIMULATOR_ACCESS_KEY = 'sim-advance-access-key';
export const ADVANCE_SIMULATOR_SECRET_KEY = 'sim-advance-secret-key-not-a-real-secret';

/** A key pair the simulator knows but whose account is disabled (the token API's ACCOUNT_DISABLED). */
export const ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY = 'sim-advance-disabled-access-key';
export const ADVANCE_SIMULATOR_DISABLED_SECRET_KEY = 'sim-advance-disabled-secret-key';
