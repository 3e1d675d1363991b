/**
 * Whether a `matchesPattern` expression can run long. JavaScript's engine backtracks: on a value that
 * does not match, it tries every way the pattern could have matched before giving up, so `^(a+)+$`
 * on "aaaa…a!" tries each of the 2^n ways to split the a's (each further a doubles the time, and the
 * event loop, and so every other request, waits). A policy can come from any policy admin, so the
 * validator refuses such patterns before they run.
 *
 * The check is conservative and ignores which characters the pattern names: it bounds how many ways
 * the pattern could match a value of MAX_MATCHED_LENGTH characters (the operator never matches a
 * longer one). Without it, only a length limit would remain, and `a*a*a*a*b` (no nesting at all)
 * still has about a hundred million ways to fail on 100 a's.
 *
 * - a backreference (`\1`, `\k<name>`) is refused: no bound is known for it;
 * - a repetition (`*`, `+`, `{n,}`, `{n,m}` with m > 1) of something that itself has a choice (a
 *   quantifier other than `{n}`, or `|`) is refused: that is the exponential case, `(a+)+`, `(a|ab)*`;
 * - otherwise each choice multiplies the ways: `*`, `+` and `{n,}` by MAX_MATCHED_LENGTH, `{n,m}` by
 *   m − n + 1 (at most MAX_MATCHED_LENGTH), `?` by 2, alternatives add up; a pattern not anchored with `^` is tried at every
 *   position, another MAX_MATCHED_LENGTH. Over MAX_MATCH_WAYS, the pattern is refused (the bound is
 *   where the worst patterns still fail quickly on a MAX_MATCHED_LENGTH value: docs/benchmarks.md).
 */

/** The longest value `matchesPattern` matches; a longer one never matches. Facts are short codes. */
export const MAX_MATCHED_LENGTH = 100;
/** The most ways a pattern may have to match a MAX_MATCHED_LENGTH value: three unbounded repetitions. */
export const MAX_MATCH_WAYS = 1_000_000;
/** Groups nested deeper are refused: no policy needs them, and the reader recurses once per level. */
const MAX_GROUP_DEPTH = 50;

/**
 * The most ways all the patterns of one policy may have together, each counted as matchTries counts
 * it (a pattern taken from a fact counts MAX_MATCH_WAYS): a decision tries every pattern, so the sum
 * bounds the regular-expression work of one evaluation, first use included (V8 interprets a new
 * expression before compiling it), where the single limit alone would not (docs/benchmarks.md).
 */
export const MAX_POLICY_MATCH_WAYS = 4 * MAX_MATCH_WAYS;

/** Why the pattern (valid JavaScript with the `u` flag) could backtrack for too long, or null. */
export function backtrackingProblem(source: string): string | null {
  const counted = countTries(source);
  if (typeof counted === 'string') return counted;
  if (counted > MAX_MATCH_WAYS) {
    return (
      `it has too many ways to match (its *, +, ?, {n,m} and | allow over ${MAX_MATCH_WAYS.toLocaleString('en')} on a ` +
      `${MAX_MATCHED_LENGTH}-character value); use fewer of them, bounded repetition such as {1,10}, or anchor it ` +
      `with ^`
    );
  }
  return null;
}

/** How many ways the pattern may try on a MAX_MATCHED_LENGTH value (at every start when unanchored); Infinity when refused outright. */
export function matchTries(source: string): number {
  const counted = countTries(source);
  return typeof counted === 'string' ? Infinity : counted;
}

function countTries(source: string): number | string {
  const reader = new PatternReader(source);
  try {
    const { ways, anchored } = reader.disjunction();
    return anchored ? ways : ways * MAX_MATCHED_LENGTH;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    throw error;
  }
}

class Refusal extends Error {}

interface Quantifier {
  min: number;
  max: number;
}

/** A recursive-descent reader of the `u`-flag pattern grammar, counting ways as it goes. */
class PatternReader {
  private at = 0;
  private depth = 0;

  constructor(private readonly source: string) {}

  /** Alternatives add up; `anchored` when every alternative starts with `^`. */
  disjunction(): { ways: number; anchored: boolean } {
    let anchored = this.source[this.at] === '^';
    let ways = this.alternative();
    while (this.source[this.at] === '|') {
      this.at++;
      anchored &&= this.source[this.at] === '^';
      ways += this.alternative();
    }
    return { ways, anchored };
  }

  /** Terms in sequence multiply. */
  private alternative(): number {
    let ways = 1;
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const start = this.at;
      const atomWays = this.atom();
      ways *= this.quantified(atomWays, start);
    }
    return ways;
  }

  private atom(): number {
    const c = this.source[this.at++];
    if (c === '\\') return this.escape();
    if (c === '[') {
      this.skipClass();
      return 1;
    }
    if (c === '(') {
      if (++this.depth > MAX_GROUP_DEPTH) throw new Refusal(`it nests groups more than ${MAX_GROUP_DEPTH} deep`);
      this.skipGroupPrefix();
      const { ways } = this.disjunction();
      this.at++; // ')'
      this.depth--;
      return ways;
    }
    return 1; // a character, `.`, `^` or `$`
  }

  private escape(): number {
    const c = this.source[this.at++]!;
    if (/[1-9]/.test(c) || c === 'k') {
      const end = c === 'k' ? this.after('>') : this.at + /^\d*/.exec(this.source.slice(this.at))![0].length;
      throw new Refusal(`it uses a backreference (${this.source.slice(this.at - 2, end)}), which can take exponential time`);
    }
    if (c === 'p' || c === 'P' || (c === 'u' && this.source[this.at] === '{')) this.at = this.after('}');
    else if (c === 'u') this.at += 4;
    else if (c === 'x') this.at += 2;
    else if (c === 'c') this.at += 1;
    return 1;
  }

  /** Skips `[...]`; inside, only an escaped `]` does not close it (the `u` flag has no nested classes). */
  private skipClass(): void {
    while (this.at < this.source.length && this.source[this.at] !== ']') this.at += this.source[this.at] === '\\' ? 2 : 1;
    this.at++;
  }

  /** Skips `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>` after `(`. */
  private skipGroupPrefix(): void {
    if (this.source[this.at] !== '?') return;
    const next = this.source[this.at + 1];
    if (next === '<' && this.source[this.at + 2] !== '=' && this.source[this.at + 2] !== '!') this.at = this.after('>');
    else this.at += next === '<' ? 3 : 2;
  }

  /** The index after the next `char`, or the end. */
  private after(char: string): number {
    const i = this.source.indexOf(char, this.at);
    return i === -1 ? this.source.length : i + 1;
  }

  private quantified(atomWays: number, start: number): number {
    const q = this.quantifier();
    if (q === null) return atomWays;
    const max = Math.min(q.max, MAX_MATCHED_LENGTH);
    if (max > 1 && atomWays > 1) {
      throw new Refusal(
        `it repeats ${JSON.stringify(this.source.slice(start, this.at))}, which itself has a choice (a quantifier or ` +
          `|): that can take exponential time; repeat a single character or class instead ("(a+)+" is "a+", "(a|b)+" is ` +
          `"[ab]+")`,
      );
    }
    // A repetition offers at most one way per length it can take within MAX_MATCHED_LENGTH.
    if (atomWays === 1) return Math.max(1, Math.min(max - q.min + 1, MAX_MATCHED_LENGTH));
    return (q.min === 0 ? 1 : 0) + (max >= 1 ? atomWays : 0);
  }

  private quantifier(): Quantifier | null {
    const c = this.source[this.at];
    let q: Quantifier;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      // With the `u` flag a `{` after an atom is always a quantifier (anything else is a syntax error).
      const [text, min, comma, max] = /^\{(\d+)(,?)(\d*)\}/.exec(this.source.slice(this.at))!;
      this.at += text.length - 1;
      q = { min: Number(min), max: comma === '' ? Number(min) : max === '' ? Infinity : Number(max) };
    } else return null;
    this.at++;
    if (this.source[this.at] === '?') this.at++; // lazy: the same ways, tried in another order
    return q;
  }
}
