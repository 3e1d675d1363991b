/** Innov8tif OkayDoc's documented API paths, appended to the configured base URL. */
export const INNOV8TIF_PATHS = {
  khIdBack: '/ekyc/api/ekyc/v1/doc-verify/kh-id-back',
} as const;
