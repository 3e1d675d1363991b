import { readFileSync } from 'node:fs';
import { toOutcome } from '../../../src/vendors/innov8tif/transformers';
import { fieldMutations, type FieldCase } from '../../support/field-mutations';
import type { VendorMutationSet } from '../../support/vendor-mutations';

/** Innov8tif OkayDoc KH ID back answers for property tests: the page's 200 example, verbatim, is clean. */
function documented(): unknown {
  const url = new URL('../../fixtures/vendors/innov8tif/kh-id-back-v2-response-200.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

const VALUE_MUTATIONS: [string, unknown][] = [
  ['empty', ''],
  ['empty list', []],
  ['object', {}],
  ['boolean', true],
];

/** methodList indexes in the documented example. */
const LANDMARK = 0;
const CHECKS = [
  [1, 'idBlurDetection'],
  [2, 'idBrightnessDetc'],
  [3, 'colorMode'],
] as const;

const FIELDS: readonly FieldCase[] = [
  {
    path: ['status'],
    field: 'status',
    values: [
      ['empty', ''],
      ['wrong type', 200],
      ['unknown word', 'partial'],
      ['error beside api.success', 'error'],
    ],
    // messageCode api.success says success by itself; status absent or null adds nothing.
    absentHarmless: true,
    harmless: [['upper case', 'SUCCESS']],
  },
  {
    path: ['messageCode'],
    field: 'messageCode',
    values: [
      ['wrong type', {}],
      ['unknown code', 'api.partial'],
      ['error beside success', 'api.invalid.image'],
      ['a number', 0],
    ],
    // status success without a messageCode is read by its status alone.
    absentHarmless: true,
    harmless: [
      ['empty', ''],
      ['upper case', 'API.SUCCESS'],
    ],
  },
  {
    path: ['methodList'],
    field: 'methodList',
    values: [
      ['empty list', []],
      ['object', {}],
      ['text', 'x'],
    ],
  },
  {
    path: ['methodList', LANDMARK],
    field: 'methodList[landmark]',
    values: [
      ['text', 'landmark'],
      ['empty object', {}],
    ],
  },
  {
    path: ['methodList', LANDMARK, 'method'],
    field: 'methodList[landmark].method',
    values: [
      ['empty', ''],
      ['wrong type', 1],
      ['undocumented method', 'landmarkV3'],
    ],
    harmless: [['other case', 'Landmark']],
  },
  {
    path: ['methodList', LANDMARK, 'componentList'],
    field: 'methodList[landmark].componentList',
    values: [
      ['empty list', []],
      ['object', {}],
      ['text', 'x'],
    ],
  },
  {
    path: ['methodList', LANDMARK, 'componentList', 4, 'value'],
    field: 'methodList[landmark].componentList[l-kh-id-back-national].value',
    values: [...VALUE_MUTATIONS, ['no number', 'N/A'], ['above 100', '140'], ['negative', '-1']],
    harmless: [
      ['a JSON number', 85.3787899017334],
      ['low, for the policy', '12.5'],
    ],
  },
  {
    path: ['methodList', LANDMARK, 'componentList', 4, 'code'],
    field: 'methodList[landmark].componentList[l-kh-id-back-national].code',
    values: [
      ['empty', ''],
      ['object', {}],
      ['another landmark', 'l-kh-id-back-other'],
      ['a duplicate', 'l-kh-id-back-card'],
    ],
  },
  { path: ['methodList', LANDMARK, 'componentList', 4], field: 'methodList[landmark].componentList[l-kh-id-back-national]', values: [['text', 'x']] },
  ...CHECKS.flatMap(([index, check]): FieldCase[] => [
    {
      path: ['methodList', index, 'componentList', 0, 'value'],
      field: `methodList[${check}].componentList[${check}].value`,
      values: [...VALUE_MUTATIONS, ['unknown word', 'Warning'], ['a word read as yes', 'ok'], ['failed', 'Fail']],
      harmless: [['upper case', 'PASS']],
    },
    {
      path: ['methodList', index, 'componentList'],
      field: `methodList[${check}].componentList`,
      values: [
        ['empty list', []],
        ['object', {}],
      ],
    },
    {
      path: ['methodList', index, 'method'],
      field: `methodList[${check}].method`,
      values: [
        ['empty', ''],
        ['undocumented method', `${check}V2`],
      ],
    },
  ]),
  { path: ['id'], field: 'id', values: [], absentHarmless: true, harmless: [['wrong type', 7]] },
  { path: ['message'], field: 'message', values: [], absentHarmless: true, harmless: [['text', 'anything']] },
  { path: ['outputImageList'], field: 'outputImageList', values: [], absentHarmless: true, harmless: [['text', 'x']] },
  { path: ['methodList', LANDMARK, 'componentList', 0, 'label'], field: 'methodList[landmark].componentList[l-kh-id-back-logo1].label', values: [], absentHarmless: true },
];

export const innov8tifMutations: VendorMutationSet = {
  vendor: 'INNOV8TIF',
  clean: [{ name: 'page 200 example (KH ID back v2)', body: documented() }],
  transform: (body) => toOutcome(200, body),
  mutations: (clean) => fieldMutations(clean, FIELDS),
};
