/** Huawei Cloud's documented API paths: OCR appended to the OCR base URL, the token to IAM's. */
export const HUAWEI_PATHS = {
  cambodianIdCard: (projectId: string) => `/v2/${encodeURIComponent(projectId)}/ocr/cambodian-idcard`,
  iamToken: '/v3/auth/tokens',
} as const;
