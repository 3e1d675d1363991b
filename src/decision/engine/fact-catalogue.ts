import { VENDORS } from '../../vendors/registry';
import { DOCUMENT_TYPES, FORGERY_KINDS, OCR_FIELD_NAMES, QUALITY_KINDS } from '../../signals/model';
import { echo } from './echo';

/**
 * The facts a policy may read, with their types, units and ranges (CONTRACTS.md section 4). One
 * source for the validator, the JSON Schema, filling in facts a stored case predates, counterfactual
 * steps and the policy authors' guide, so none of them can drift from the others.
 */

export type ValueType = 'number' | 'integer' | 'string' | 'boolean' | 'list';

export interface FieldSpec {
  /** The JSON path of the value inside its fact, as a rule writes it: `$.liveness`. Empty for a scalar fact. */
  path: string;
  type: ValueType;
  nullable: boolean;
  /** Elements of a list, or the values of a string, when they come from a closed set. */
  values?: readonly string[];
  /** Inclusive bounds of a number. */
  range?: readonly [number, number];
  /** The smallest meaningful change of a number (counterfactuals move a value by this much). */
  step?: number;
  unit?: string;
  description: string;
  /** The value when nothing was observed: null where nullable, else an empty list, 0 or false. */
  empty: unknown;
}

/** An object whose keys are open (landmark codes) or from a closed set (vendors), each holding one value. */
export interface MapSpec {
  path: string;
  /** The allowed keys; absent when any key matching `keyPattern` is allowed. */
  keys?: readonly string[];
  keyPattern?: RegExp;
  keyLabel: string;
  value: Omit<FieldSpec, 'path' | 'empty'>;
  description: string;
}

export interface FactSpec {
  name: string;
  description: string;
  /** A scalar fact (country) has one field with an empty path; an object fact has named fields. */
  fields: FieldSpec[];
  maps: MapSpec[];
}

const score = (description: string): Omit<FieldSpec, 'path'> => ({
  type: 'number',
  nullable: true,
  range: [0, 100],
  step: 1,
  unit: 'score 0..100',
  description,
  empty: null,
});

const list = (values: readonly string[], description: string): Omit<FieldSpec, 'path'> => ({
  type: 'list',
  nullable: false,
  values,
  description,
  empty: [],
});

/** A whole number counted from 0 to `max`; 0 when nothing was observed. */
const count = (max: number, unit: string, description: string): Omit<FieldSpec, 'path'> => ({
  type: 'integer',
  nullable: false,
  range: [0, max],
  step: 1,
  unit,
  description,
  empty: 0,
});

/** A yes or no; when nothing was observed, false, or null if `nullable`. */
const flag = (description: string, nullable?: 'nullable'): Omit<FieldSpec, 'path'> => ({
  type: 'boolean',
  nullable: nullable !== undefined,
  description,
  empty: nullable ? null : false,
});

const field = (path: string, spec: Omit<FieldSpec, 'path'>): FieldSpec => ({ path: `$.${path}`, ...spec });

export const FACTS: readonly FactSpec[] = [
  {
    name: 'country',
    description: 'The country of the document, ISO 3166-1 alpha-2 (KH, VN, ID, ...).',
    fields: [{ path: '', type: 'string', nullable: false, description: 'ISO alpha-2 country code', empty: '' }],
    maps: [],
  },
  {
    name: 'documentType',
    description: 'The kind of document.',
    fields: [{ path: '', type: 'string', nullable: false, values: DOCUMENT_TYPES, description: 'NATIONAL_ID, PASSPORT or DRIVING_LICENSE', empty: '' }],
    maps: [],
  },
  {
    name: 'face',
    description: 'The face check of the selfie against the document photo.',
    fields: [
      field('liveness', score('How sure the vendor is that a live person was captured (below 50: an attack).')),
      field('similarity', score('How alike the selfie and the document photo are (below 70: another person).')),
    ],
    maps: [],
  },
  {
    name: 'landmarks',
    description: "Security features of the document (Innov8tif's landmark scores).",
    fields: [field('min', score('The lowest landmark score; null when no landmark was scored.')), field('count', count(1000, 'landmarks', 'How many landmarks were scored.'))],
    maps: [
      {
        path: '$.scores',
        keyPattern: /^[A-Za-z0-9_-]+$/,
        keyLabel: 'landmark code',
        value: { type: 'number', nullable: false, range: [0, 100], step: 1, unit: 'score 0..100', description: 'The score of one landmark.' },
        description: 'Each landmark score by its vendor code, e.g. $.scores.l-kh-id-back-logo1.',
      },
    ],
  },
  {
    name: 'forgery',
    description: 'Signs that the document is not a genuine original.',
    fields: [field('detected', flag('Any forgery kind was reported.')), field('kinds', list(FORGERY_KINDS, 'The kinds reported by any vendor.'))],
    maps: [],
  },
  {
    name: 'ocr',
    description: 'How well the named document fields were read.',
    fields: [
      field('minConfidence', {
        type: 'number',
        nullable: true,
        range: [0, 1],
        step: 0.01,
        unit: 'confidence 0..1',
        description: 'The lowest confidence over the named fields read.',
        empty: null,
      }),
      field('missing', list(OCR_FIELD_NAMES, 'Named fields no vendor read.')),
      field('readBy', list(VENDORS, 'Vendors whose answer read the document (an OCR verdict, passed or failed); empty when no OCR vendor answered.')),
    ],
    maps: [
      {
        path: '$.confidence',
        keys: OCR_FIELD_NAMES,
        keyLabel: 'OCR field',
        value: { type: 'number', nullable: true, range: [0, 1], step: 0.01, unit: 'confidence 0..1', description: 'The confidence of one field.' },
        description: 'The confidence of each named field read, e.g. $.confidence.idNumber.',
      },
    ],
  },
  {
    name: 'quality',
    description: 'Image quality checks.',
    fields: [field('failed', list(QUALITY_KINDS, 'The checks that failed on any image.'))],
    maps: [],
  },
  {
    name: 'document',
    description: 'Computed from the dates read on the document (the dates themselves are not facts).',
    fields: [
      field('expired', flag('The expiry date has passed.', 'nullable')),
      field('ageYears', {
        type: 'integer',
        nullable: true,
        range: [0, 150],
        step: 1,
        unit: 'years',
        description: "The holder's age in whole years, from the birth date.",
        empty: null,
      }),
      field('daysToExpiry', {
        type: 'integer',
        nullable: true,
        range: [-100000, 100000],
        step: 1,
        unit: 'days',
        description: 'Days until the expiry date; negative once expired.',
        empty: null,
      }),
    ],
    maps: [],
  },
  {
    name: 'mrz',
    description: 'The machine-readable zone.',
    fields: [
      field('present', flag('An MRZ was read.')),
      field('valid', flag('Its check digits are right; null without an MRZ or when it is unreadable.', 'nullable')),
      field('readable', flag('It fits a known MRZ format (fillers the OCR dropped restored); null without an MRZ.', 'nullable')),
    ],
    maps: [],
  },
  {
    name: 'consistency',
    description: 'Whether the vendors that read the same document agree (computed; the names and numbers themselves are not facts).',
    fields: [
      field('nameSimilarity', score('The lowest similarity between two readings of the full name (0: nothing alike, 100: the same name); null with fewer than two readings.')),
      field('nameReadings', count(20, 'readings', 'How many readings of the full name there are (every vendor, every side).')),
      field('idNumberAgrees', flag('Every reading of the ID number is the same number (ignoring spaces, dashes and case); null with fewer than two readings.', 'nullable')),
      field('idNumberReadings', count(20, 'readings', 'How many readings of the ID number there are (every vendor, every side).')),
    ],
    maps: [],
  },
  {
    name: 'vendors',
    description: 'What the routed vendors answered.',
    fields: [
      field('failed', list(VENDORS, 'Vendors that FAILED or TIMED OUT (no usable answer).')),
      field('timedOut', list(VENDORS, 'Vendors that TIMED OUT (also in failed).')),
      field('pending', list(VENDORS, 'Vendors still processing.')),
      field('skipped', list(VENDORS, 'Routed vendors not called because their input was not given.')),
      field('notRequested', list(VENDORS, "Routed vendors not called because the request's vendors list left them out.")),
      field('unclear', list(VENDORS, 'Vendors whose answer the gateway did not fully understand (an undocumented code, a verdict missing or contradicted): never a pass.')),
      field('checksFailed', list(VENDORS, 'Vendors whose answer gave a documented negative verdict on one of their checks.')),
    ],
    maps: [
      {
        path: '$.codes',
        keys: VENDORS,
        keyLabel: 'vendor',
        value: { type: 'string', nullable: false, description: "The vendor's own result or error code." },
        description: "Each vendor's own code, e.g. $.codes.ADVANCE_AI.",
      },
    ],
  },
];

export const FACT_NAMES: readonly string[] = FACTS.map((f) => f.name);

const BY_NAME = new Map(FACTS.map((f) => [f.name, f]));

export function factSpec(name: string): FactSpec | undefined {
  return BY_NAME.get(name);
}

/** What a path of a fact resolves to, or why it does not. */
export type PathLookup =
  | { kind: 'field'; spec: FieldSpec }
  | { kind: 'map'; spec: MapSpec }
  | { kind: 'map-entry'; map: MapSpec; key: string; spec: Omit<FieldSpec, 'path' | 'empty'> }
  | { kind: 'object' }
  | { kind: 'unknown'; candidates: string[]; problem?: string };

/** Resolves a condition's `path` (`$.liveness`, `$.codes.ADVANCE_AI`) against a fact of the catalogue. */
export function lookupPath(fact: FactSpec, path: string | undefined): PathLookup {
  const scalar = fact.fields.find((f) => f.path === '');
  if (path === undefined || path === '' || path === '$') return scalar ? { kind: 'field', spec: scalar } : { kind: 'object' };
  const candidates = allPaths(fact);
  if (scalar) return { kind: 'unknown', candidates: [], problem: `${fact.name} is a ${scalar.type}, not an object: remove the path` };
  // Without "$." the dotted name reads exactly like the right one, so "did you mean" would repeat it.
  if (!path.startsWith('$.')) {
    const meant = `$.${path.replace(/^\$?\.?/, '')}`;
    const example = lookupPath(fact, meant).kind === 'unknown' ? (candidates[0] ?? '$.x') : meant;
    return { kind: 'unknown', candidates, problem: `a path starts with "$." (e.g. "${example}"), not ${echo(path)}` };
  }
  const direct = fact.fields.find((f) => f.path === path);
  if (direct) return { kind: 'field', spec: direct };
  for (const map of fact.maps) {
    if (path === map.path) return { kind: 'map', spec: map };
    if (path.startsWith(`${map.path}.`)) {
      const key = path.slice(map.path.length + 1);
      const known = map.keys ? map.keys.includes(key) : map.keyPattern!.test(key);
      if (known) return { kind: 'map-entry', map, key, spec: map.value };
      return { kind: 'unknown', candidates: (map.keys ?? []).map((k) => `${map.path}.${k}`) };
    }
  }
  return { kind: 'unknown', candidates };
}

/** Every path a rule may write for this fact (map entries only where the keys are a closed set). */
export function allPaths(fact: FactSpec): string[] {
  const paths = fact.fields.filter((f) => f.path !== '').map((f) => f.path);
  for (const map of fact.maps) {
    paths.push(map.path);
    for (const key of map.keys ?? []) paths.push(`${map.path}.${key}`);
  }
  return paths;
}

/** `face` + `$.liveness` → `face.liveness`: how people say a fact path. */
export function dotted(fact: string, path: string | undefined): string {
  if (!path || path === '$') return fact;
  return `${fact}${path.startsWith('$') ? path.slice(1) : `.${path}`}`;
}
