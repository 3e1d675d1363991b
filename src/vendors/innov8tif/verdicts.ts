import { toNumber, toRecord, toText } from '../../signals/lenient';
import type { CheckVerdict, Verdict, VerdictCheck } from '../../signals/model';
import { rawVerdictValue } from '../../signals/raw-verdict-value';
import type { Innov8tifComponent, Innov8tifMethod } from './types';

const VENDOR = 'INNOV8TIF' as const;

/** The landmarks the page's example scores on the back of a Cambodian ID card. */
const INNOV8TIF_LANDMARKS = [
  'l-kh-id-back-logo1',
  'l-kh-id-back-logo2',
  'l-kh-id-back-logo3',
  'l-kh-id-back-kingdom',
  'l-kh-id-back-national',
  'l-kh-id-back-card',
  'l-kh-id-back-2-lines',
] as const;

/** The documented Pass / Fail checks. */
const INNOV8TIF_CHECKS = ['idBlurDetection', 'idBrightnessDetc', 'colorMode'] as const;
const LANDMARK = 'landmark';

function verdictOf(check: VerdictCheck, verdict: Verdict, field: string, raw: string | null): CheckVerdict {
  return { vendor: VENDOR, check, verdict, field, raw };
}

/** "Pass" / "Fail" in any case (trimmed) as a verdict; any other value is UNCLEAR. */
export function checkWord(value: unknown): Verdict {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : null;
  return word === 'pass' ? 'PASSED' : word === 'fail' ? 'FAILED' : 'UNCLEAR';
}

const same = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.toLowerCase();

/**
 * The verdicts of a success answer's `methodList` (docs/vendors.md, section Innov8tif): a DOCUMENT
 * verdict per landmark method, a QUALITY verdict per check method, an UNCLEAR verdict for a
 * documented method missing and for every item that is no documented method (a method the gateway
 * does not know may carry a negative verdict it cannot read). A method listed twice is judged twice.
 */
export function innov8tifVerdicts(methodList: unknown): CheckVerdict[] {
  if (!Array.isArray(methodList)) {
    const raw = rawVerdictValue(methodList);
    return [verdictOf('DOCUMENT', 'UNCLEAR', 'methodList', raw), verdictOf('QUALITY', 'UNCLEAR', 'methodList', raw)];
  }
  const verdicts: CheckVerdict[] = [];
  const seen = new Set<string>();
  methodList.forEach((item, index) => {
    const method = toRecord(item) as Innov8tifMethod | null;
    const name = toText(method?.method ?? null);
    if (method === null || name === null) {
      verdicts.push(verdictOf('DOCUMENT', 'UNCLEAR', `methodList[${index}]`, rawVerdictValue(method === null ? item : method.method)));
    } else if (same(name, LANDMARK)) {
      seen.add(LANDMARK);
      verdicts.push(landmarkVerdict(method.componentList));
    } else {
      const check = INNOV8TIF_CHECKS.find((c) => same(name, c));
      if (check === undefined) verdicts.push(verdictOf('DOCUMENT', 'UNCLEAR', `methodList[${index}].method`, rawVerdictValue(name)));
      else {
        seen.add(check);
        verdicts.push(checkVerdict(check, method.componentList));
      }
    }
  });
  if (!seen.has(LANDMARK)) verdicts.push(verdictOf('DOCUMENT', 'UNCLEAR', `methodList[${LANDMARK}]`, null));
  for (const check of INNOV8TIF_CHECKS) if (!seen.has(check)) verdicts.push(verdictOf('QUALITY', 'UNCLEAR', `methodList[${check}]`, null));
  return verdicts;
}

function components(list: unknown): Innov8tifComponent[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const records = list.map(toRecord);
  return records.every((r) => r !== null) ? (records as Innov8tifComponent[]) : null;
}

/**
 * PASSED when every documented landmark is scored and every score is a number 0..100 (written as
 * text, as the page does, or as a number); a landmark missing, a score missing, not a number or out
 * of range, or a component that is no object is UNCLEAR. Low scores are for the policy to judge.
 */
function landmarkVerdict(list: unknown): CheckVerdict {
  const at = `methodList[${LANDMARK}].componentList`;
  const items = components(list);
  if (items === null) return verdictOf('DOCUMENT', 'UNCLEAR', at, rawVerdictValue(list));
  const scored = new Set<string>();
  for (const [index, item] of items.entries()) {
    const code = toText(item.code)?.trim() || null;
    if (code === null) return verdictOf('DOCUMENT', 'UNCLEAR', `${at}[${index}].code`, rawVerdictValue(item.code));
    const score = typeof item.value === 'string' || typeof item.value === 'number' ? toNumber(item.value) : null;
    if (score === null || score < 0 || score > 100) return verdictOf('DOCUMENT', 'UNCLEAR', `${at}[${code.slice(0, 64)}].value`, rawVerdictValue(item.value));
    scored.add(code);
  }
  const missing = INNOV8TIF_LANDMARKS.find((code) => !scored.has(code));
  if (missing !== undefined) return verdictOf('DOCUMENT', 'UNCLEAR', `${at}[${missing}]`, null);
  return verdictOf('DOCUMENT', 'PASSED', at, rawVerdictValue(list));
}

/** Every component of a check must say Pass or Fail: any Fail is FAILED, all Pass PASSED, else UNCLEAR. */
function checkVerdict(check: (typeof INNOV8TIF_CHECKS)[number], list: unknown): CheckVerdict {
  const at = `methodList[${check}].componentList`;
  const items = components(list);
  if (items === null) return verdictOf('QUALITY', 'UNCLEAR', at, rawVerdictValue(list));
  const words = items.map((item) => ({ item, verdict: checkWord(item.value) }));
  const decisive = words.find((w) => w.verdict === 'UNCLEAR') ?? words.find((w) => w.verdict === 'FAILED') ?? words[0]!;
  return verdictOf('QUALITY', decisive.verdict, `${at}[${(toText(decisive.item.code) ?? '?').slice(0, 64)}].value`, rawVerdictValue(decisive.item.value));
}
