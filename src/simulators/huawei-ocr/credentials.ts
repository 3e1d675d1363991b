/**
 * Credentials the Huawei OCR simulator accepts. All fake: they open nothing but the simulator.
 */
export const HUAWEI_SIM_PROJECT_ID = 'sim0000000000000000000000000000a';
/** A fixed token the OCR route always accepts (for HUAWEI_AUTH_TOKEN set-ups). */
export const HUAWEI_SIM_FIXED_TOKEN = 'MIIsim-fixed-token-not-a-real-huawei-token';
export const HUAWEI_SIM_USERNAME = 'sim-ocr-user';
export const HUAWEI_SIM_PASSWORD = 'sim-ocr-password-not-secret';
export const HUAWEI_SIM_DOMAIN = 'sim-ocr-domain';
export const HUAWEI_SIM_REGION = 'ap-southeast-2';
