/**
 * The one API key the OkayDoc simulator accepts in the request body. Fake by design: it only opens
 * the local simulator and is what the gateway uses when INNOV8TIF_BASE_URL is unset.
 */
export const INNOV8TIF_SIMULATOR_API_KEY = 'sim-innov8tif-api-key-not-a-secret';
