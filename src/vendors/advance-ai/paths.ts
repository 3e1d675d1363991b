/** ADVANCE.AI's documented API paths, appended to the configured base URL. */
export const ADVANCE_PATHS = {
  token: '/openapi/auth/ticket/v1/generate-token',
  getResult: '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result',
} as const;
