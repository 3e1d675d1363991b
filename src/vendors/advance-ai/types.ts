/**
 * ADVANCE.AI IDVS wire types, as the vendor documents them. They describe what the vendor is
 * supposed to send; the transformers still read every field leniently (any object or field may be
 * null or absent, numbers may arrive as strings), so nothing here is trusted without a check.
 * These types never leave src/vendors/advance-ai/.
 */

/** The envelope every ADVANCE.AI open API answers with, success or not. */
export interface AdvanceEnvelope<D> {
  code?: string | null;
  message?: string | null;
  data?: D | null;
  extra?: unknown;
  /** The vendor's id for the call (max 64 characters). */
  transactionId?: string | null;
  /** Deprecated by the vendor; always "FREE". */
  pricingStrategy?: string | null;
}

/** `POST /openapi/auth/ticket/v1/generate-token` request body. */
export interface AdvanceTokenRequest {
  accessKey: string;
  /** Epoch milliseconds (13 digits); the same value that went into the signature. */
  timestamp: number;
  /** Lowercase hex SHA-256 of accessKey + secretKey + timestamp. */
  signature: string;
  /** Token lifetime in seconds, 60..86400 (vendor default 3600). */
  periodSecond?: number;
}

export interface AdvanceTokenData {
  token?: string | null;
  /** Epoch milliseconds after which the token is refused. */
  expiredTime?: number | string | null;
}

export type AdvanceTokenResponse = AdvanceEnvelope<AdvanceTokenData>;

/** `POST /intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result` request body. */
export interface AdvanceGetResultRequest {
  signatureId: string;
}

export interface AdvanceEventDetail {
  event?: string | null;
  result?: string | null;
  /** Spelt this way by the vendor. */
  createTimestmap?: number | null;
}

/** Null when the solution has no face step (solutionCode 02, 03, 05). */
export interface AdvanceFaceDetail {
  faceResult?: string | null;
  faceImageFar?: string | null;
  faceImageNear?: string | null;
  auditImageUrl?: string | null;
  /** 0..100; below 50 the vendor reports LIVENESS_ATTACK. */
  faceLivenessScore?: number | string | null;
  /** 0..100; below 70 the vendor reports SIMILARITY_FAIL. */
  faceSimilarityScore?: number | string | null;
  eventDetails?: AdvanceEventDetail[] | null;
}

export interface AdvanceSides<T> {
  front?: T | null;
  back?: T | null;
}

/** OCR text per side; keys vary by document type (name, idNumber, birthday, gender, citizen ...). */
export type AdvanceOcrSide = Record<string, string | number | null | undefined>;

/** Null when the solution has no document step (solutionCode 04). */
export interface AdvanceDocDetail {
  ocrResult?: string | null;
  docResult?: string | null;
  docFrontImage?: string | null;
  docBackImage?: string | null;
  idFrontImage?: string | null;
  idBackImage?: string | null;
  docType?: AdvanceSides<string> | null;
  subDocType?: AdvanceSides<string> | null;
  ocrInfo?: AdvanceSides<AdvanceOcrSide> | null;
  /** Image-quality problems per side, e.g. "blur", "dark". Empty when none. */
  qualityLabels?: AdvanceSides<string[]> | null;
  /** Forgery findings, e.g. "photocopy". Null while still processing. */
  forgeryLabels?: string[] | null;
  eventDetails?: AdvanceEventDetail[] | null;
}

export interface AdvanceIdvData {
  signatureId?: string | null;
  /** PASS / FAIL / INCOMPLETE (any case); null while the verification is still processing. */
  idvResult?: string | null;
  /** The reason for the idvResult (SUCCESS when it passed); null while processing. */
  errorCode?: string | null;
  faceDetail?: AdvanceFaceDetail | null;
  docDetail?: AdvanceDocDetail | null;
}

export type AdvanceGetResultResponse = AdvanceEnvelope<AdvanceIdvData>;
