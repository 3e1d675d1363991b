import { readFileSync } from 'node:fs';
import { toOutcome } from '../../../src/vendors/advance-ai/transformers';
import type { AnswerMutation, VendorMutationSet } from '../../support/vendor-mutations';

/**
 * ADVANCE.AI Get Result answers for property tests: the page's SUCCESS example made clean (its
 * `forgeryLabels: ["photocopy"]` contradicts its PASS, so the clean answer has none), and for every
 * verdict-bearing field of a clean answer the ways it can go wrong.
 */

const ABSENT = Symbol('absent');
type Path = readonly (string | number)[];

function successExample(): Record<string, unknown> {
  const url = new URL('../../fixtures/vendors/advance-ai/success-pass.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

function cleanSuccess(): unknown {
  const body = successExample() as { data: { docDetail: { forgeryLabels: unknown } } };
  body.data.docDetail.forgeryLabels = [];
  return body;
}

/** A copy of `body` with the value at `path` replaced (or deleted with ABSENT). */
function withValue(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === ABSENT) delete node[last];
  else node[last] = value;
  return copy;
}

/** The field's name as docs/vendors.md writes it (without the envelope's `data.`). */
function nameOf(path: Path): string {
  return path[0] === 'data' ? path.slice(1).join('.') : path.join('.');
}

interface FieldCase {
  path: Path;
  /** The wrong-type value, unknown word, contradictions ... besides absent and null. */
  values: [name: string, value: unknown][];
  /** Mutations of this field that carry no verdict (a documented form that still passes). */
  harmless?: [name: string, value: unknown][];
  /** Whether absent and null are generated (they are for every field but a documented null). */
  skipNull?: boolean;
}

const FIELDS: readonly FieldCase[] = [
  {
    path: ['code'],
    values: [
      ['empty', ''],
      ['wrong type', 1],
      ['unknown code', 'MAYBE'],
      ['refusal', 'ERROR'],
    ],
  },
  {
    path: ['data', 'idvResult'],
    values: [
      ['empty', ''],
      ['wrong type', true],
      ['unknown word', 'REVIEW'],
      ['FAIL beside SUCCESS', 'FAIL'],
      ['INCOMPLETE beside SUCCESS', 'INCOMPLETE'],
    ],
  },
  {
    path: ['data', 'errorCode'],
    values: [
      ['empty', ''],
      ['wrong type', 0],
      ['unknown code', 'SUCCESS_WITH_NOTES'],
      ['failure code beside PASS', 'LIVENESS_ATTACK'],
      ['no-verdict code beside PASS', 'USER_TIMEOUT'],
    ],
  },
  {
    path: ['data', 'faceDetail'],
    values: [
      ['empty object', {}],
      ['wrong type', 'PASS'],
      ['list', []],
    ],
  },
  {
    path: ['data', 'faceDetail', 'faceResult'],
    values: [
      ['empty', ''],
      ['wrong type', 1],
      ['unknown word', 'OK'],
      ['FAIL', 'FAIL'],
    ],
  },
  {
    path: ['data', 'faceDetail', 'faceLivenessScore'],
    values: [
      ['empty', ''],
      ['as a string', '99'],
      ['out of range', 990],
      ['below the vendor threshold beside PASS', 12],
    ],
  },
  {
    path: ['data', 'faceDetail', 'faceSimilarityScore'],
    values: [
      ['empty', ''],
      ['as a string', '82'],
      ['out of range', -1],
      ['below the vendor threshold beside PASS', 41],
    ],
  },
  {
    path: ['data', 'docDetail'],
    values: [
      ['empty object', {}],
      ['wrong type', 'PASS'],
      ['list', []],
    ],
  },
  {
    path: ['data', 'docDetail', 'ocrResult'],
    values: [
      ['empty', ''],
      ['wrong type', true],
      ['unknown word', 'PARTIAL'],
      ['FAIL', 'FAIL'],
    ],
  },
  // Absent in the SUCCESS example (which names the verdict ocrResult): only its presence can disagree.
  {
    path: ['data', 'docDetail', 'docResult'],
    skipNull: true,
    values: [
      ['null beside ocrResult PASS', null],
      ['FAIL beside ocrResult PASS', 'FAIL'],
      ['unknown word beside ocrResult', 'MAYBE'],
    ],
  },
  {
    path: ['data', 'docDetail', 'ocrInfo'],
    values: [
      ['wrong type', 'front'],
      ['list', []],
    ],
  },
  {
    path: ['data', 'docDetail', 'ocrInfo', 'front'],
    values: [
      ['wrong type', 'text'],
      ['list', []],
    ],
  },
  {
    path: ['data', 'docDetail', 'forgeryLabels'],
    values: [
      ['wrong type', 'photocopy'],
      ['item of the wrong type', [1]],
      ['blank label', ['']],
      ['a label beside PASS', ['photocopy']],
      ['unknown label', ['hologram_missing']],
    ],
  },
  {
    path: ['data', 'docDetail', 'qualityLabels'],
    values: [
      ['empty object', {}],
      ['wrong type', 'blur'],
      ['list', []],
    ],
  },
  {
    path: ['data', 'docDetail', 'qualityLabels', 'front'],
    values: [
      ['wrong type', 'blur'],
      ['item of the wrong type', [1]],
      ['unmapped label', ['mystery']],
      ['a known label', ['blur']],
    ],
  },
  {
    path: ['data', 'docDetail', 'qualityLabels', 'back'],
    skipNull: true,
    values: [
      ['absent', ABSENT],
      ['wrong type', 'dark'],
      ['unmapped label', ['mystery']],
      ['a known label', ['dark']],
    ],
    harmless: [['null (a one-sided document)', null]],
  },
];

/** Fields that carry no verdict: changing them never changes a verdict. */
const NO_VERDICT: readonly [Path, unknown][] = [
  [['transactionId'], null],
  [['pricingStrategy'], ABSENT],
  [['extra'], 'note'],
  [['data', 'signatureId'], ABSENT],
  [['data', 'faceDetail', 'faceImageFar'], null],
  [['data', 'faceDetail', 'eventDetails'], ABSENT],
  [['data', 'docDetail', 'docType'], ABSENT],
  [['data', 'docDetail', 'eventDetails'], null],
  [['data', 'docDetail', 'ocrInfo', 'back'], null],
];

function mutations(clean: unknown): AnswerMutation[] {
  const out: AnswerMutation[] = [];
  for (const { path, values, harmless = [], skipNull } of FIELDS) {
    const field = nameOf(path);
    const all: [string, unknown][] = skipNull ? values : [['absent', ABSENT], ['null', null], ...values];
    for (const [name, value] of all) out.push({ name: `${field}: ${name}`, field, body: withValue(clean, path, value) });
    for (const [name, value] of harmless) {
      out.push({ name: `${field}: ${name}`, field, body: withValue(clean, path, value), carriesNoVerdict: true });
    }
  }
  for (const [path, value] of NO_VERDICT) {
    const field = nameOf(path);
    out.push({ name: `${field}: ${value === ABSENT ? 'absent' : JSON.stringify(value)}`, field, body: withValue(clean, path, value), carriesNoVerdict: true });
  }
  return out;
}

export const advanceAiMutations: VendorMutationSet = {
  vendor: 'ADVANCE_AI',
  clean: [{ name: 'the SUCCESS example without its photocopy label', body: cleanSuccess() }],
  transform: (body) => toOutcome(200, body),
  mutations,
};

/** The page's SUCCESS example exactly as documented (PASS with `forgeryLabels: ["photocopy"]`). */
export const advanceSuccessExample = successExample;
