import { readFileSync } from 'node:fs';
import { toOutcome } from '../../../src/vendors/verihubs/transformers';
import { fieldMutations, type FieldCase } from '../../support/field-mutations';
import type { VendorMutationSet } from '../../support/vendor-mutations';

/**
 * Verihubs ID Forgery answers for property tests. The page's only 200 sample is a forgery
 * (FAIL_ON_2, blur true); the clean answer is that sample as a genuine KTP reads: no `error_code`,
 * `forgery` false, every quality flag false, the sample's scores and reference kept.
 */
function cleanAnswer(): unknown {
  const url = new URL('../../fixtures/vendors/verihubs/forgery-detected-200.json', import.meta.url);
  const body = JSON.parse(readFileSync(url, 'utf8')) as { error_code?: string; message: string; data: { forgery: boolean; image_quality: { blur: boolean } } };
  delete body.error_code;
  body.message = 'Success';
  body.data.forgery = false;
  body.data.image_quality.blur = false;
  return body;
}

const FLAG_VALUES: [string, unknown][] = [
  ['empty', ''],
  ['empty list', []],
  ['wrong type', 0],
  ['object', {}],
  ['unknown word', 'maybe'],
  ['problem found', true],
];

const FIELDS: readonly FieldCase[] = [
  {
    path: ['error_code'],
    field: 'error_code',
    values: [
      ['wrong type', {}],
      ['list', ['FAIL_ON_2']],
      ['undocumented code', 'FAIL_ON_3'],
      ['quality failed beside every flag false', 'FAIL_ON_1'],
      ['forgery beside forgery false', 'FAIL_ON_2'],
      ['an error code on 200', 'INSUFFICIENT_QUOTA'],
    ],
    // A genuine answer carries no code: absent, null and empty say the same.
    absentHarmless: true,
    harmless: [['empty', '']],
  },
  {
    path: ['data'],
    field: 'data',
    values: [
      ['empty list', []],
      ['text', 'x'],
      ['empty object', {}],
    ],
  },
  {
    path: ['data', 'forgery'],
    field: 'data.forgery',
    values: [
      ['empty', ''],
      ['empty list', []],
      ['wrong type', 0],
      ['unknown word', 'no'],
      ['fail', 'fail'],
      ['forged', true],
    ],
    harmless: [['the word', 'False']],
  },
  {
    path: ['data', 'image_quality'],
    field: 'data.image_quality',
    values: [
      ['empty object', {}],
      ['list', []],
      ['text', 'good'],
    ],
  },
  ...(['blur', 'dark', 'flashlight', 'grayscale'] as const).map((flag) => ({
    path: ['data', 'image_quality', flag],
    field: `data.image_quality.${flag}`,
    values: FLAG_VALUES,
    harmless: [['the word', 'false']] as [string, unknown][],
  })),
  ...(['blur_score', 'dark_score'] as const).map((score) => ({
    path: ['data', 'image_quality', score],
    field: `data.image_quality.${score}`,
    values: [
      ['empty', ''],
      ['a word', 'low'],
      ['object', {}],
    ] as [string, unknown][],
    // Scores are evidence beside the flags, which carry the verdict: absent or null, a score is not sent.
    absentHarmless: true,
    harmless: [['as text', '12.5']] as [string, unknown][],
  })),
  { path: ['status_code'], field: 'status_code', values: [], absentHarmless: true, harmless: [['undocumented', 'FRG-9']] },
  { path: ['message'], field: 'message', values: [], absentHarmless: true, harmless: [['forgery words', 'Forgery detected']] },
  { path: ['data', 'reference_id'], field: 'data.reference_id', values: [], absentHarmless: true, harmless: [['wrong type', 7]] },
];

export const verihubsMutations: VendorMutationSet = {
  vendor: 'VERIHUBS',
  clean: [{ name: 'page 200 sample as a genuine KTP', body: cleanAnswer() }],
  transform: (body) => toOutcome(200, body),
  mutations: (clean) => fieldMutations(clean, FIELDS),
};
