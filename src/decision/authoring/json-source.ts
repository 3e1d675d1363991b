import { clip } from '../engine/echo';

/**
 * A JSON parser that remembers where every value and key starts, so a problem found in a parsed
 * policy can be reported at its line and column. Accepts exactly what JSON.parse accepts (plus a
 * leading byte-order mark); values are built with JSON.parse's own string and number rules.
 */

export type PathSegment = string | number;

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  column: number;
}

export interface ParsedJson {
  value: unknown;
  /** Where the value at `path` starts; with `key`, where its property name starts. Null when absent. */
  locate(path: readonly PathSegment[], key?: boolean): SourcePosition | null;
  /** Object keys that occur twice (JSON.parse silently keeps the last). */
  duplicateKeys: Array<{ path: PathSegment[] }>;
}

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
  }
}

const pathKey = (path: readonly PathSegment[]): string => path.map(String).join('\u0000');

/** Far beyond a policy's needs (its conditions nest at most 64 groups, two levels each). */
export const MAX_JSON_DEPTH = 256;

export function parseJsonWithPositions(text: string): ParsedJson {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = source.length === text.length ? 0 : 1;
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const duplicateKeys: Array<{ path: PathSegment[] }> = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const positionOf = (offset: number): SourcePosition => {
    const at = offset + shift;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - lineStarts[lo]! + 1 };
  };

  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, positionOf(Math.min(at, source.length)));
  };
  const describe = (at: number): string => (at >= source.length ? 'end of file' : `'${source[at]}'`);
  const skipSpace = (): void => {
    for (;;) {
      const c = source.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= source.length) fail('unterminated string', start);
      const c = source.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) fail('control character in a string: escape it', i);
      if (c === 92) {
        const next = source[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) fail('bad \\u escape in a string', i);
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail(`bad escape "\\${next ?? ''}" in a string`, i);
        i += 2;
        continue;
      }
      i++;
    }
    i++; // closing quote
    return JSON.parse(source.slice(start, i)) as string;
  };

  const parseValue = (path: PathSegment[]): unknown => {
    skipSpace();
    // The parser recurses once per level: a document nested thousands deep would overflow the stack.
    if (path.length > MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    values.set(pathKey(path), i);
    const c = source[i];
    if (c === '{') return parseObject(path);
    if (c === '[') return parseArray(path);
    if (c === '"') return parseString();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(source.slice(i, i + 400));
    if (number && (c === '-' || (c! >= '0' && c! <= '9'))) {
      i += number[0].length;
      return Number(number[0]);
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (source.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    if (c === "'") return fail('strings need double quotes');
    return fail(`expected a value, found ${describe(i)}`);
  };

  const parseObject = (path: PathSegment[]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    i++;
    skipSpace();
    if (source[i] === '}') {
      i++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (source[i] === '}') fail('trailing comma before "}"');
      if (source[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
      const keyAt = i;
      const key = parseString();
      const childPath = [...path, key];
      if (Object.prototype.hasOwnProperty.call(result, key)) duplicateKeys.push({ path: childPath });
      keys.set(pathKey(childPath), keyAt);
      skipSpace();
      if (source[i] !== ':') fail(`expected ":" after the property name "${clip(key)}"`);
      i++;
      Object.defineProperty(result, key, { value: parseValue(childPath), enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === '}') {
        i++;
        return result;
      }
      fail(`expected "," or "}" after the value of "${clip(key)}", found ${describe(i)}`);
    }
  };

  const parseArray = (path: PathSegment[]): unknown[] => {
    const result: unknown[] = [];
    i++;
    skipSpace();
    if (source[i] === ']') {
      i++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (source[i] === ']') fail('trailing comma before "]"');
      result.push(parseValue([...path, result.length]));
      skipSpace();
      if (source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === ']') {
        i++;
        return result;
      }
      fail(`expected "," or "]" after an element, found ${describe(i)}`);
    }
  };

  const value = parseValue([]);
  skipSpace();
  if (i < source.length) fail(`unexpected ${describe(i)} after the end of the document`);

  return {
    value,
    duplicateKeys,
    locate(path, key = false) {
      const offset = (key ? keys : values).get(pathKey(path));
      return offset === undefined ? null : positionOf(offset);
    },
  };
}
