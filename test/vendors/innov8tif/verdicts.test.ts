import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckVerdict } from '../../../src/signals/model';
import { toOutcome } from '../../../src/vendors/innov8tif/transformers';

/** The documented 200 example, verbatim. */
const documented = (): Record<string, any> => JSON.parse(readFileSync(new URL('../../fixtures/vendors/innov8tif/kh-id-back-v2-response-200.json', import.meta.url), 'utf8'));
const verdicts = (body: unknown): CheckVerdict[] => toOutcome(200, body).verdicts;
const notPassed = (body: unknown) => verdicts(body).filter((v) => v.verdict !== 'PASSED');
const method = (body: Record<string, any>, name: string) => body.methodList.find((m: any) => m.method === name);

describe('Innov8tif verdicts', () => {
  it('the documented example: DOCUMENT PASSED (seven scores), QUALITY PASSED per check', () => {
    expect(verdicts(documented()).map((v) => [v.check, v.verdict, v.field, v.raw])).toEqual([
      ['DOCUMENT', 'PASSED', 'methodList[landmark].componentList', '(list)'],
      ['QUALITY', 'PASSED', 'methodList[idBlurDetection].componentList[idBlurDetection].value', 'Pass'],
      ['QUALITY', 'PASSED', 'methodList[idBrightnessDetc].componentList[idBrightnessDetc].value', 'Pass'],
      ['QUALITY', 'PASSED', 'methodList[colorMode].componentList[colorMode].value', 'Pass'],
    ]);
  });

  it('a Fail check is QUALITY FAILED, besides its quality signal', () => {
    const body = documented();
    method(body, 'colorMode').componentList[0].value = 'Fail';
    expect(notPassed(body)).toEqual([expect.objectContaining({ check: 'QUALITY', verdict: 'FAILED', raw: 'Fail' })]);
  });

  it.each<[string, unknown]>([
    ['an undocumented word', 'Warning'],
    ['a word the old reader took for a pass', 'ok'],
    ['null', null],
    ['a boolean', true],
    ['empty', ''],
  ])('a check value that is %s is QUALITY UNCLEAR, and raises no signal', (_name, value) => {
    const body = documented();
    method(body, 'idBlurDetection').componentList[0].value = value;
    const outcome = toOutcome(200, body);
    expect(outcome.quality.map((q) => q.kind)).toEqual(['BRIGHTNESS', 'COLOR_MODE']);
    expect(notPassed(body)).toEqual([expect.objectContaining({ check: 'QUALITY', verdict: 'UNCLEAR', field: expect.stringContaining('idBlurDetection') })]);
  });

  it.each<[string, unknown, string | null]>([
    ['not a number', 'n/a', 'n/a'],
    ['above 100', '140.2', '140.2'],
    ['negative', '-3', '-3'],
    ['null', null, null],
    ['a boolean', true, 'true'],
    ['empty', '', ''],
  ])('a landmark score %s is DOCUMENT UNCLEAR', (_name, value, raw) => {
    const body = documented();
    method(body, 'landmark').componentList[3].value = value;
    expect(notPassed(body)).toEqual([
      expect.objectContaining({ check: 'DOCUMENT', verdict: 'UNCLEAR', field: 'methodList[landmark].componentList[l-kh-id-back-kingdom].value', raw }),
    ]);
  });

  it('a documented landmark missing is DOCUMENT UNCLEAR; a score given as a JSON number is read', () => {
    const body = documented();
    method(body, 'landmark').componentList.splice(6, 1);
    method(body, 'landmark').componentList[0].value = 94.5;
    expect(notPassed(body)).toEqual([
      expect.objectContaining({ check: 'DOCUMENT', verdict: 'UNCLEAR', field: 'methodList[landmark].componentList[l-kh-id-back-2-lines]', raw: null }),
    ]);
  });

  it('a method missing, an undocumented method, and no methodList are UNCLEAR', () => {
    const body = documented();
    body.methodList = body.methodList.filter((m: any) => m.method !== 'idBrightnessDetc');
    body.methodList.push({ method: 'hologramDetection', componentList: [{ code: 'hologramDetection', value: 'Fail' }] });
    expect(notPassed(body).map((v) => [v.check, v.verdict, v.field, v.raw])).toEqual([
      ['DOCUMENT', 'UNCLEAR', 'methodList[3].method', 'hologramDetection'],
      ['QUALITY', 'UNCLEAR', 'methodList[idBrightnessDetc]', null],
    ]);
    for (const methodList of [undefined, null, {}, 'x']) {
      expect(verdicts({ ...documented(), methodList }).map((v) => [v.check, v.verdict, v.field])).toEqual([
        ['DOCUMENT', 'UNCLEAR', 'methodList'],
        ['QUALITY', 'UNCLEAR', 'methodList'],
      ]);
    }
  });

  it('a check listed twice, once Pass and once Fail, keeps the Fail', () => {
    const body = documented();
    body.methodList.push({ method: 'colorMode', componentList: [{ code: 'colorMode', value: 'Fail' }] });
    expect(notPassed(body)).toEqual([expect.objectContaining({ check: 'QUALITY', verdict: 'FAILED' })]);
  });

  it('answers that are not OK carry no verdict', () => {
    expect(toOutcome(401, { status: 'error', messageCode: 'api.unauthorized' }).verdicts).toEqual([]);
  });
});
