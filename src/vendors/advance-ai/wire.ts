import { toCode, toRecord, toText } from '../../signals/lenient';
import {
  WRONG_TYPE,
  type AdvanceDocDetail,
  type AdvanceFaceDetail,
  type AdvanceGetResultEnvelope,
  type AdvanceIdvData,
  type AdvanceOcrSide,
  type AdvanceSides,
  type Received,
} from './types';

/**
 * The parse boundary of the Get Result answer: JSON in, the wire types of types.ts out. Nothing is
 * coerced: a field of a type the page does not document becomes WRONG_TYPE (a score sent as a
 * string, a label list holding a number), so the classification can call it UNCLEAR.
 */

/** The envelope, or null for a body that is not one (no object, no code). */
export function parseEnvelope(json: unknown): AdvanceGetResultEnvelope | null {
  const body = toRecord(json);
  const code = toCode(body?.code);
  if (body === null || code === null) return null;
  return { code, transactionId: toText(body.transactionId), data: body.data };
}

export function parseIdvData(data: Readonly<Record<string, unknown>>): AdvanceIdvData {
  return {
    idvResult: text(data.idvResult),
    errorCode: text(data.errorCode),
    faceDetail: object(data.faceDetail, parseFaceDetail),
    docDetail: object(data.docDetail, parseDocDetail),
  };
}

function parseFaceDetail(face: Readonly<Record<string, unknown>>): AdvanceFaceDetail {
  return {
    faceResult: text(face.faceResult),
    faceLivenessScore: score(face.faceLivenessScore),
    faceSimilarityScore: score(face.faceSimilarityScore),
  };
}

function parseDocDetail(doc: Readonly<Record<string, unknown>>): AdvanceDocDetail {
  return {
    ocrResult: text(doc.ocrResult),
    docResult: text(doc.docResult),
    ocrInfo: object(doc.ocrInfo, (info) => sides(info, (side) => object<AdvanceOcrSide>(side, (s) => s))),
    qualityLabels: object(doc.qualityLabels, (labels) => sides(labels, words)),
    forgeryLabels: words(doc.forgeryLabels),
  };
}

function sides<T>(record: Readonly<Record<string, unknown>>, read: (value: unknown) => Received<T>): AdvanceSides<T> {
  return { front: read(record.front), back: read(record.back) };
}

/** undefined and null as sent; the value when `ok`; WRONG_TYPE otherwise. */
function received<T>(value: unknown, ok: (value: unknown) => value is T): Received<T> {
  if (value === undefined || value === null) return value;
  return ok(value) ? value : WRONG_TYPE;
}

function text(value: unknown): Received<string> {
  return received(value, (v): v is string => typeof v === 'string');
}

/** A score is a finite number in 0..100; anything else is not the documented form. */
function score(value: unknown): Received<number> {
  return received(value, (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100);
}

/** A list of strings (labels). */
function words(value: unknown): Received<readonly string[]> {
  return received(value, (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'));
}

function object<T>(value: unknown, parse: (record: Readonly<Record<string, unknown>>) => T): Received<T> {
  if (value === undefined || value === null) return value;
  const record = toRecord(value);
  return record === null ? WRONG_TYPE : parse(record);
}
