import type { AnswerMutation } from './vendor-mutations';

/** Marks a value to delete rather than set. */
export const ABSENT = Symbol('absent');
export type Path = readonly (string | number)[];

/** A copy of `body` with the value at `path` replaced (or deleted with ABSENT; a list item is removed). */
export function withValue(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === ABSENT && Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else if (value === ABSENT) delete node[last];
  else node[last] = value;
  return copy;
}

/** How one field of a clean answer is mutated. */
export interface FieldCase {
  path: Path;
  /** The field as docs/vendors.md names it. */
  field: string;
  /** Values besides absent and null: empty, wrong type, unknown word or code, contradictions. */
  values: [name: string, value: unknown][];
  /** Mutations that carry no verdict (a documented form that still passes, or evidence the policy judges). */
  harmless?: [name: string, value: unknown][];
  /** Absent and null carry no verdict for this field (they are then generated as harmless). */
  absentHarmless?: boolean;
}

/** Every mutation of every case: absent, null, then the case's values, then its harmless ones. */
export function fieldMutations(clean: unknown, cases: readonly FieldCase[]): AnswerMutation[] {
  return cases.flatMap((c) => {
    const base: [string, unknown][] = [
      ['absent', ABSENT],
      ['null', null],
    ];
    const make = (name: string, value: unknown, carriesNoVerdict: boolean): AnswerMutation => ({
      name: `${c.field}: ${name}`,
      field: c.field,
      body: withValue(clean, c.path, value),
      ...(carriesNoVerdict ? { carriesNoVerdict: true } : {}),
    });
    return [
      ...base.map(([name, value]) => make(name, value, c.absentHarmless === true)),
      ...c.values.map(([name, value]) => make(name, value, false)),
      ...(c.harmless ?? []).map(([name, value]) => make(name, value, true)),
    ];
  });
}
