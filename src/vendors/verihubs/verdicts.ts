import { toNumber, toRecord } from '../../signals/lenient';
import type { CheckVerdict, Verdict, VerdictCheck } from '../../signals/model';
import { rawVerdictValue } from '../../signals/raw-verdict-value';
import { readVerdictBoolean } from '../../signals/verdict-boolean';
import type { VerihubsIdForgeryData, VerihubsImageQuality } from './types';

const VENDOR = 'VERIHUBS' as const;

/** The verdict codes of an HTTP 200 answer: FAIL_ON_1 (quality), FAIL_ON_2 (forgery), or none. */
export type VerihubsVerdictCode = 'FAIL_ON_1' | 'FAIL_ON_2' | null;

/** The four documented quality flags (true = the problem was found). */
const VERIHUBS_QUALITY_FLAGS = ['blur', 'dark', 'flashlight', 'grayscale'] as const satisfies readonly (keyof VerihubsImageQuality)[];
/** Scores the page's sample carries; evidence beside the flags: when sent (not null) they must be numbers. */
const QUALITY_SCORES = ['blur_score', 'dark_score', 'flashlight_score', 'grayscale_score'] as const satisfies readonly (keyof VerihubsImageQuality)[];

function verdictOf(check: VerdictCheck, verdict: Verdict, field: string, raw: string | null): CheckVerdict {
  return { vendor: VENDOR, check, verdict, field, raw };
}

/** Both verdicts of a verdict answer (docs/vendors.md, section Verihubs). */
export function verihubsVerdicts(code: VerihubsVerdictCode, data: VerihubsIdForgeryData | null): CheckVerdict[] {
  return [documentVerdict(code, data), qualityVerdict(code, toRecord(data?.image_quality) as VerihubsImageQuality | null)];
}

/**
 * DOCUMENT, from `data.forgery` and `error_code`: forgery false with no code is PASSED; forgery true
 * or FAIL_ON_2 is FAILED; FAIL_ON_2 with forgery false contradicts itself (UNCLEAR); forgery absent,
 * null or no boolean is UNCLEAR, which is what FAIL_ON_1 under `validate_quality` leaves (the forgery
 * check did not run).
 */
function documentVerdict(code: VerihubsVerdictCode, data: VerihubsIdForgeryData | null): CheckVerdict {
  const forgery = readVerdictBoolean(data?.forgery);
  const raw = rawVerdictValue(data?.forgery);
  if (code === 'FAIL_ON_2') {
    return forgery === false ? verdictOf('DOCUMENT', 'UNCLEAR', 'data.forgery', raw) : verdictOf('DOCUMENT', 'FAILED', 'error_code', code);
  }
  if (forgery === null) return verdictOf('DOCUMENT', 'UNCLEAR', 'data.forgery', raw);
  return verdictOf('DOCUMENT', forgery ? 'FAILED' : 'PASSED', 'data.forgery', raw);
}

/**
 * QUALITY, from `error_code` and `data.image_quality` (always asked for: the adapter sends
 * `is_quality` and `validate_quality`). FAIL_ON_1 is FAILED, with or without the flags, unless all
 * four flags are present and false (a contradiction: UNCLEAR). Otherwise each of the four flags must
 * be a boolean and each score sent (not null) a number: a flag true is FAILED, all false PASSED; anything
 * missing, null or of another type is UNCLEAR.
 */
function qualityVerdict(code: VerihubsVerdictCode, quality: VerihubsImageQuality | null): CheckVerdict {
  const flags = VERIHUBS_QUALITY_FLAGS.map((flag) => ({ flag, value: quality === null ? null : readVerdictBoolean(quality[flag]) }));
  if (code === 'FAIL_ON_1') {
    const allClear = quality !== null && flags.every((f) => f.value === false);
    return allClear ? verdictOf('QUALITY', 'UNCLEAR', 'error_code', code) : verdictOf('QUALITY', 'FAILED', 'error_code', code);
  }
  if (quality === null) return verdictOf('QUALITY', 'UNCLEAR', 'data.image_quality', null);
  const unread = flags.find((f) => f.value === null);
  if (unread) return verdictOf('QUALITY', 'UNCLEAR', `data.image_quality.${unread.flag}`, rawVerdictValue(quality[unread.flag]));
  const badScore = QUALITY_SCORES.find((score) => quality[score] !== undefined && quality[score] !== null && toNumber(quality[score]) === null);
  if (badScore) return verdictOf('QUALITY', 'UNCLEAR', `data.image_quality.${badScore}`, rawVerdictValue(quality[badScore]));
  const flagged = flags.find((f) => f.value === true);
  if (flagged) return verdictOf('QUALITY', 'FAILED', `data.image_quality.${flagged.flag}`, 'true');
  return verdictOf('QUALITY', 'PASSED', 'data.image_quality', rawVerdictValue(quality));
}
