import type { CanonicalOcrFieldName, CheckVerdict, FaceCheck, ForgerySignal, LandmarkScore, OcrField, QualitySignal, VendorResult } from './model';

/** The document as the gateway presents it: the best reading of each named field, and every field read. */
export type DocumentView = Record<CanonicalOcrFieldName, OcrField | null> & {
  mrz: string[] | null;
  /** Every check digit is right; null without an MRZ or when it is not readable. */
  mrzValid: boolean | null;
  /** The MRZ fits a known format (dropped fillers restored); null without an MRZ. */
  mrzReadable: boolean | null;
  fields: OcrField[];
};

/** Every vendor's signals merged into one view of the person and the document. */
export interface MergedSignals {
  document: DocumentView;
  face: FaceCheck | null;
  landmarks: LandmarkScore[];
  forgery: ForgerySignal[];
  quality: QualitySignal[];
  vendorResults: VendorResult[];
  /** Every verdict of every vendor's answer, in routing order. */
  verdicts: CheckVerdict[];
}
