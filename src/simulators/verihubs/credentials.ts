/**
 * The only App-ID / API-Key pair the Verihubs simulator accepts. Fake values, safe to commit: they
 * open nothing but the local simulator.
 */
export const VERIHUBS_SIMULATOR_APP_ID = 'sim-verihubs-app-id-0001';
export const VERIHUBS_SIMULATOR_API_KEY = 'sim-verihubs-api-key-not-a-secret';
