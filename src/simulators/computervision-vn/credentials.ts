/**
 * The only credentials the computervision.com.vn simulator accepts (HTTP Basic api_key:api_secret).
 * Fake by design: they open nothing but the loopback simulator.
 */
export const CVVN_SIM_API_KEY = 'sim-cvvn-api-key-not-a-real-key';
export const CVVN_SIM_API_SECRET = 'sim-cvvn-api-secret-not-a-real-secret';
