import { toRecord } from '../../signals/lenient';
import { HUAWEI_CARD_TEXT_FIELDS, HUAWEI_MACHINE_CODE_FIELDS, type HuaweiCambodianIdCardResult, type HuaweiErrorBody } from './types';

/** A Huawei OCR answer read at the boundary. */
export type HuaweiAnswer = { kind: 'error'; body: HuaweiErrorBody } | { kind: 'result'; result: HuaweiCambodianIdCardResult; wrongType: WrongType[] } | { kind: 'unreadable' };

/** A documented field that came with a value of another type, set aside rather than coerced. */
export interface WrongType {
  /** The field's name; a confidence entry is `confidence.<field>`. */
  field: string;
  value: unknown;
}

const STRING_FIELDS = [...HUAWEI_CARD_TEXT_FIELDS, ...HUAWEI_MACHINE_CODE_FIELDS, 'idcard_type'] as const;

/**
 * An `error_code` (a non-empty string) anywhere, whatever the HTTP status, is an error answer; a
 * 2xx `result` object is a result; anything else is unreadable.
 */
export function parseHuaweiAnswer(httpStatus: number, body: unknown): HuaweiAnswer {
  const record = toRecord(body);
  if (record === null) return { kind: 'unreadable' };
  const code = typeof record.error_code === 'string' ? record.error_code.trim() : '';
  if (code !== '') {
    return { kind: 'error', body: { error_code: code, ...(typeof record.error_msg === 'string' ? { error_msg: record.error_msg } : {}) } };
  }
  const result = toRecord(record.result);
  if (httpStatus < 200 || httpStatus >= 300 || result === null) return { kind: 'unreadable' };
  return parseResult(result);
}

function parseResult(raw: Record<string, unknown>): HuaweiAnswer {
  const result: HuaweiCambodianIdCardResult = {};
  const wrongType: WrongType[] = [];
  for (const name of STRING_FIELDS) {
    const value = raw[name];
    if (value === undefined) continue;
    if (value === null || typeof value === 'string') result[name] = value;
    else wrongType.push({ field: name, value });
  }
  const confidence = raw.confidence;
  if (confidence === null) result.confidence = null;
  else if (confidence !== undefined) {
    const record = toRecord(confidence);
    if (record === null) wrongType.push({ field: 'confidence', value: confidence });
    else result.confidence = parseConfidence(record, wrongType);
  }
  return { kind: 'result', result, wrongType };
}

function parseConfidence(raw: Record<string, unknown>, wrongType: WrongType[]): Record<string, number> {
  const confidence: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'number' && Number.isFinite(value)) confidence[name] = value;
    else wrongType.push({ field: `confidence.${name}`, value });
  }
  return confidence;
}
