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
  const positionOf = positionFinder(text, source.length === text.length ? 0 : 1);
  const parser = new PositionRecordingParser(source, positionOf);
  const value = parser.document();
  const { values, keys, duplicateKeys } = parser;
  return {
    value,
    duplicateKeys,
    locate(path, key = false) {
      const offset = (key ? keys : values).get(pathKey(path));
      return offset === undefined ? null : positionOf(offset);
    },
  };
}

/** Maps an offset in the text without its byte-order mark (`shift` is 1 if there was one) to its line and column. */
function positionFinder(text: string, shift: number): (offset: number) => SourcePosition {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset) => {
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
}

const LITERALS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

/** One pass over `source`: `i` is the offset being read; every value's and key's start is recorded by path. */
class PositionRecordingParser {
  readonly values = new Map<string, number>();
  readonly keys = new Map<string, number>();
  readonly duplicateKeys: Array<{ path: PathSegment[] }> = [];
  private i = 0;

  constructor(
    private readonly source: string,
    private readonly positionOf: (offset: number) => SourcePosition,
  ) {}

  document(): unknown {
    const value = this.value([]);
    this.skipSpace();
    if (this.i < this.source.length) this.fail(`unexpected ${this.describe(this.i)} after the end of the document`);
    return value;
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(message, this.positionOf(Math.min(at, this.source.length)));
  }

  private describe(at: number): string {
    return at >= this.source.length ? 'end of file' : `'${this.source[at]}'`;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.source.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else return;
    }
  }

  private string(): string {
    const { source } = this;
    const start = this.i;
    this.i++; // opening quote
    for (;;) {
      if (this.i >= source.length) this.fail('unterminated string', start);
      const c = source.charCodeAt(this.i);
      if (c === 34) break;
      if (c < 32) this.fail('control character in a string: escape it', this.i);
      if (c === 92) {
        this.escape();
        continue;
      }
      this.i++;
    }
    this.i++; // closing quote
    return JSON.parse(source.slice(start, this.i)) as string;
  }

  /** Steps over the escape at `i`, which JSON.parse would refuse unless it is one of JSON's. */
  private escape(): void {
    const next = this.source[this.i + 1];
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.source.slice(this.i + 2, this.i + 6))) this.fail('bad \\u escape in a string', this.i);
      this.i += 6;
      return;
    }
    if (next === undefined || !'"\\/bfnrt'.includes(next)) this.fail(`bad escape "\\${next ?? ''}" in a string`, this.i);
    this.i += 2;
  }

  private value(path: PathSegment[]): unknown {
    this.skipSpace();
    // The parser recurses once per level: a document nested thousands deep would overflow the stack.
    if (path.length > MAX_JSON_DEPTH) this.fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    this.values.set(pathKey(path), this.i);
    const c = this.source[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.source.slice(this.i, this.i + 400));
    if (number && (c === '-' || (c! >= '0' && c! <= '9'))) {
      this.i += number[0].length;
      return Number(number[0]);
    }
    for (const [word, value] of LITERALS) {
      if (this.source.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    if (c === "'") return this.fail('strings need double quotes');
    return this.fail(`expected a value, found ${this.describe(this.i)}`);
  }

  private object(path: PathSegment[]): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.members('}', () => {
      if (this.source[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${this.describe(this.i)}`);
      const keyAt = this.i;
      const key = this.string();
      const childPath = [...path, key];
      if (Object.prototype.hasOwnProperty.call(result, key)) this.duplicateKeys.push({ path: childPath });
      this.keys.set(pathKey(childPath), keyAt);
      this.skipSpace();
      if (this.source[this.i] !== ':') this.fail(`expected ":" after the property name "${clip(key)}"`);
      this.i++;
      Object.defineProperty(result, key, { value: this.value(childPath), enumerable: true, writable: true, configurable: true });
      return `the value of "${clip(key)}"`;
    });
    return result;
  }

  private array(path: PathSegment[]): unknown[] {
    const result: unknown[] = [];
    this.members(']', () => {
      result.push(this.value([...path, result.length]));
      return 'an element';
    });
    return result;
  }

  /**
   * The comma-separated members between the opening bracket at `i` and `close`. `member` reads one
   * and says what it read, for the message when neither a comma nor `close` follows it.
   */
  private members(close: '}' | ']', member: () => string): void {
    this.i++;
    this.skipSpace();
    if (this.source[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.source[this.i] === close) this.fail(`trailing comma before "${close}"`);
      const read = member();
      this.skipSpace();
      if (this.source[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.source[this.i] === close) {
        this.i++;
        return;
      }
      this.fail(`expected "," or "${close}" after ${read}, found ${this.describe(this.i)}`);
    }
  }
}
