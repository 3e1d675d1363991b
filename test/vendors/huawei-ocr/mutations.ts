import { readFileSync } from 'node:fs';
import { cardResult } from '../../../src/simulators/huawei-ocr/responses';
import { toOutcome } from '../../../src/vendors/huawei-ocr/transformers';
import type { AnswerMutation, VendorMutationSet } from '../../support/vendor-mutations';

/**
 * Huawei Cloud OCR (Cambodian ID card) answers for property tests: the page's success example with
 * its MRZ redaction filled in (same 30/29/29 shape), the simulator's clean card, and for every
 * verdict-bearing field of a clean answer's `result` the ways it can go wrong.
 */

/** The page's example MRZ with the X redaction filled in (see test/signals/mrz.test.ts). */
const FILLED_MRZ = ['IDKHM0402718462<<<<<<<<<<<<<<<', '9907102F2512141KHM<<<<<<<<<<2', 'YOENG<<THXXXXX<<<<<<<<<<<<<<<'];

function pageExample(): { result: Record<string, unknown> } {
  const url = new URL('../../fixtures/vendors/huawei-ocr/success-response.json', import.meta.url);
  const body = JSON.parse(readFileSync(url, 'utf8')) as { result: Record<string, unknown> };
  [body.result.machine_code1, body.result.machine_code2, body.result.machine_code3] = FILLED_MRZ;
  return body;
}

function simulatorCard(): { result: Record<string, unknown> } {
  return { result: cardResult('pass', { returnIdcardType: true, returnPortraitImage: false, returnPortraitLocation: false }) };
}

/** Fields the card may lack without the answer losing evidence the policy needs (read when given). */
const OPTIONAL_TEXT = new Set(['name_kh', 'sex', 'height', 'birth_place', 'address', 'issue_date', 'description']);
const REQUIRED_TEXT = ['id_number', 'name_en', 'birth_date', 'expiry_date'];
const DATES = new Set(['birth_date', 'issue_date', 'expiry_date']);
const MACHINE_CODES = ['machine_code1', 'machine_code2', 'machine_code3'];

type Result = Record<string, unknown>;

/** A copy of the answer with its `result` changed by `change`. */
function changed(clean: unknown, change: (result: Result) => void): unknown {
  const copy = structuredClone(clean) as { result: Result };
  change(copy.result);
  return copy;
}

function setTo(field: string, value: unknown): (result: Result) => void {
  return (result) => {
    if (value === undefined) delete result[field];
    else result[field] = value;
  };
}

function setConfidence(field: string, value: unknown): (result: Result) => void {
  return (result) => {
    const confidence = result.confidence as Result;
    if (value === undefined) delete confidence[field];
    else confidence[field] = value;
  };
}

function textMutations(clean: unknown, field: string): AnswerMutation[] {
  const optional = OPTIONAL_TEXT.has(field);
  const m = (name: string, value: unknown, carriesNoVerdict = false): AnswerMutation => ({
    name: `${field} ${name}`,
    field,
    body: changed(clean, setTo(field, value)),
    ...(carriesNoVerdict ? { carriesNoVerdict } : {}),
  });
  const list = [m('absent', undefined, optional), m('null', null, optional), m('empty', '', optional), m('a number', 42), m('a list', ['x'])];
  if (DATES.has(field)) list.push(m('not a date', 'ថ្ងៃមិនស្គាល់'));
  if (field === 'sex') list.push(m('neither sex', 'X?'));
  return list;
}

function machineCodeMutations(clean: unknown, field: string): AnswerMutation[] {
  const m = (name: string, value: unknown): AnswerMutation => ({ name: `${field} ${name}`, field, body: changed(clean, setTo(field, value)) });
  return [
    m('absent (the other lines kept)', undefined),
    m('null', null),
    m('empty', ''),
    m('a number', 42),
    m('an unknown word', 'NOT AN MRZ LINE!'),
    m('a line too long', `${'<'.repeat(31)}`),
  ];
}

function confidenceMutations(clean: unknown): AnswerMutation[] {
  const result = (clean as { result: Result }).result;
  const m = (field: string, name: string, change: (r: Result) => void): AnswerMutation => ({ name: `${field} ${name}`, field, body: changed(clean, change) });
  const list = [
    m('confidence', 'absent', setTo('confidence', undefined)),
    m('confidence', 'null', setTo('confidence', null)),
    m('confidence', 'empty object', setTo('confidence', {})),
    m('confidence', 'a list', setTo('confidence', [0.9])),
    m('confidence', 'a number', setTo('confidence', 0.9)),
  ];
  for (const field of Object.keys(result.confidence as Result)) {
    const name = `confidence.${field}`;
    list.push(
      m(name, 'absent', setConfidence(field, undefined)),
      m(name, 'null', setConfidence(field, null)),
      m(name, 'a string', setConfidence(field, '0.9')),
      m(name, 'above 1 (a percentage?)', setConfidence(field, 93)),
      m(name, 'negative', setConfidence(field, -0.1)),
    );
  }
  return list;
}

function cardTypeMutations(clean: unknown): AnswerMutation[] {
  const m = (name: string, value: unknown): AnswerMutation => ({ name: `idcard_type ${name}`, field: 'idcard_type', body: changed(clean, setTo('idcard_type', value)) });
  return [m('absent', undefined), m('null', null), m('empty', ''), m('a number', 1), m('true', true), m('an unknown word', 'suspected'), m('copy (documented negative)', 'copy')];
}

function contradictions(clean: unknown): AnswerMutation[] {
  return [
    { name: 'expiry_date before issue_date', field: 'expiry_date', body: changed(clean, setTo('expiry_date', '០១.០១.២០០១')) },
    { name: 'birth_date after issue_date', field: 'birth_date', body: changed(clean, setTo('birth_date', '០១.០១.២០៣០')) },
    { name: 'machine_code2 shortened inside its dates', field: 'machine_code2', body: changed(clean, (r) => void (r.machine_code2 = String(r.machine_code2).slice(1))) },
  ];
}

export const huaweiOcrMutations: VendorMutationSet = {
  vendor: 'HUAWEI_OCR',
  clean: [
    { name: 'the page example, MRZ redaction filled in', body: pageExample() },
    { name: 'the simulator pass card', body: simulatorCard() },
  ],
  transform: (body) => toOutcome(200, body, null),
  mutations(clean) {
    const result = (clean as { result: Result }).result;
    const text = [...REQUIRED_TEXT, ...OPTIONAL_TEXT].filter((field) => field in result);
    return [
      { name: 'result absent', field: 'result', body: {} },
      { name: 'result null', field: 'result', body: { result: null } },
      { name: 'result a list', field: 'result', body: { result: [result] } },
      ...text.flatMap((field) => textMutations(clean, field)),
      ...MACHINE_CODES.filter((field) => field in result).flatMap((field) => machineCodeMutations(clean, field)),
      ...confidenceMutations(clean),
      ...cardTypeMutations(clean),
      ...contradictions(clean),
    ];
  },
};
