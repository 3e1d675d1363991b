import { readFileSync } from 'node:fs';
import { toOutcome } from '../../../src/vendors/computervision-vn/transformers';
import { fieldMutations, type FieldCase } from '../../support/field-mutations';
import type { VendorMutationSet } from '../../support/vendor-mutations';

/**
 * computervision.com.vn answers for property tests. The page gives the item shape
 * `{"info","valid","invalidMessage","invalidCode","type"}` but no filled-in answer: the clean answer is
 * that shape with `valid` "True", `invalidCode` "0" (the warning table's "Successful") and a chip
 * card front read (fixtures/vendors/computervision-vn/documents-verdicts.json).
 */
function cleanAnswer(): unknown {
  const url = new URL('../../fixtures/vendors/computervision-vn/documents-verdicts.json', import.meta.url);
  const items = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  return { data: [items['valid-true-code-0']], errorCode: '0', errorMessage: 'Success' };
}

const FIELDS: readonly FieldCase[] = [
  {
    path: ['errorCode'],
    field: 'errorCode',
    values: [
      ['empty', ''],
      ['wrong type', {}],
      ['undocumented code', '9'],
      ['error code beside documents', '1'],
      ['a word', 'Success'],
    ],
  },
  {
    path: ['data'],
    field: 'data',
    values: [
      ['empty list', []],
      ['wrong type', { info: {} }],
      ['text', 'x'],
    ],
  },
  {
    path: ['data', 0],
    field: 'data[0]',
    values: [
      ['wrong type', 'x'],
      ['empty object', {}],
      ['list', []],
    ],
  },
  {
    path: ['data', 0, 'valid'],
    field: 'data[0].valid',
    values: [
      ['empty', ''],
      ['empty list', []],
      ['wrong type', 1],
      ['unknown word', 'Yes'],
      ['negative', 'False'],
    ],
    harmless: [
      ['JSON boolean', true],
      ['lower case', 'true'],
    ],
  },
  {
    path: ['data', 0, 'invalidCode'],
    field: 'data[0].invalidCode',
    values: [
      ['empty', ''],
      ['empty list', []],
      ['wrong type', true],
      ['undocumented code', '4'],
      ['photocopy beside valid True', '2'],
      ['text', 'none'],
    ],
    harmless: [
      ['as a number', 0],
      ['as a list', ['0']],
    ],
  },
  {
    path: ['data', 0, 'type'],
    field: 'data[0].type',
    values: [
      ['empty', ''],
      ['wrong type', 12],
      ['list', ['chip_id_card_front']],
      ['undocumented type', 'student_card'],
    ],
  },
  {
    path: ['data', 0, 'info'],
    field: 'data[0].info',
    values: [
      ['empty', ''],
      ['list', []],
      ['text', 'x'],
    ],
  },
  {
    path: ['data', 0, 'info', 'id'],
    field: 'data[0].info.id',
    values: [
      ['wrong type', { value: '001190012345' }],
      ['list', ['001190012345']],
      ['boolean', true],
    ],
    // A field not read is evidence missing, for the policy (MISSING_FIELD), not a verdict.
    absentHarmless: true,
    harmless: [['empty', '']],
  },
  {
    path: ['data', 0, 'info', 'id_confidence'],
    field: 'data[0].info.id_confidence',
    values: [
      ['a word', 'high'],
      ['out of range', 140],
      ['wrong type', {}],
    ],
    absentHarmless: true,
  },
  {
    path: ['data', 0, 'invalidMessage'],
    field: 'data[0].invalidMessage',
    values: [],
    absentHarmless: true,
    harmless: [['any text', 'anything the vendor says']],
  },
];

export const computervisionVnMutations: VendorMutationSet = {
  vendor: 'COMPUTERVISION_VN',
  clean: [{ name: 'documented item shape, valid True, invalidCode 0', body: cleanAnswer() }],
  transform: (body) => toOutcome(200, body),
  mutations: (clean) => fieldMutations(clean, FIELDS),
};
