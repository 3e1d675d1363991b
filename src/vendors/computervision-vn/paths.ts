/** computervision.com.vn's documented API paths, appended to the configured base URL. */
export const COMPUTERVISION_VN_PATHS = {
  /** One-side (or any-document) extraction. */
  card: '/api/v2/ekyc/card',
  /** Two-sided extraction: front in `img1`, back in `img2`. */
  cards: '/api/v2/ekyc/cards',
} as const;
