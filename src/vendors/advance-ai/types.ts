/**
 * ADVANCE.AI IDVS wire types: the requests the adapter sends and the parts of the Get Result answer
 * it reads, as parsed at the boundary (wire.ts). Each field read is `Received<T>`: the documented
 * type, null as sent, absent, or WRONG_TYPE, so the verdict classification can tell "null while
 * processing" from "missing" from "not what the page documents". These types never leave
 * src/vendors/advance-ai/.
 */

/** Marks a field that was sent with a type the vendor's page does not document. */
export const WRONG_TYPE: unique symbol = Symbol('ADVANCE.AI field of an undocumented type');
export type WrongType = typeof WRONG_TYPE;

/** A field as received: its documented type, null as sent, undefined when absent, or WRONG_TYPE. */
export type Received<T> = T | null | undefined | WrongType;

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

/** `POST /intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result` request body. */
export interface AdvanceGetResultRequest {
  signatureId: string;
}

/** `faceDetail`: null when the solution has no face step (solutionCode 02, 03, 05). */
export interface AdvanceFaceDetail {
  /** PASS / FAIL in any case; null while processing. */
  faceResult: Received<string>;
  /** 0..100; below 50 the vendor reports LIVENESS_ATTACK. */
  faceLivenessScore: Received<number>;
  /** 0..100; below 70 the vendor reports SIMILARITY_FAIL; null while processing. */
  faceSimilarityScore: Received<number>;
}

export interface AdvanceSides<T> {
  front: Received<T>;
  back: Received<T>;
}

/** OCR text of one side; keys vary by document type (name, idNumber, birthday, gender, citizen ...). */
export type AdvanceOcrSide = Readonly<Record<string, unknown>>;

/** `docDetail`: null when the solution has no document step (solutionCode 04). */
export interface AdvanceDocDetail {
  /** The OCR verdict, PASS / FAIL, as the page's SUCCESS and processing examples name it. */
  ocrResult: Received<string>;
  /** The same verdict as the page's FAIL example names it. */
  docResult: Received<string>;
  ocrInfo: Received<AdvanceSides<AdvanceOcrSide>>;
  /** Image-quality problems per side, e.g. "blur", "dark". Empty lists when none. */
  qualityLabels: Received<AdvanceSides<readonly string[]>>;
  /** Forgery findings, e.g. "photocopy". Empty when none, null while processing. */
  forgeryLabels: Received<readonly string[]>;
}

/** A SUCCESS envelope's `data`. */
export interface AdvanceIdvData {
  /** PASS / FAIL / INCOMPLETE in any case; null while processing. */
  idvResult: Received<string>;
  /** The reason for the idvResult (SUCCESS when it passed); null while processing. */
  errorCode: Received<string>;
  faceDetail: Received<AdvanceFaceDetail>;
  docDetail: Received<AdvanceDocDetail>;
}

/** The envelope every Get Result answer comes in, success or not (codes upper-cased). */
export interface AdvanceGetResultEnvelope {
  code: string;
  /** The vendor's id for the call (max 64 characters). */
  transactionId: string | null;
  /** The raw `data` (parsed into AdvanceIdvData for a SUCCESS). */
  data: unknown;
}
