/** Verihubs' documented API paths, appended to the configured base URL. */
export const VERIHUBS_PATHS = {
  idForgery: '/v2/ktp/idforgery',
} as const;
