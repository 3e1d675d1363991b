import { InputError } from './input-error';

/**
 * Characters that act on a terminal or on how text reads rather than showing as themselves: controls
 * (C0, DEL, C1: escape sequences, carriage returns), format characters (bidi overrides and isolates,
 * zero-width spaces and joiners, the BOM, tag characters) and line and paragraph separators.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNPRINTABLE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * Refuses an identifier holding unprintable characters, so what an operator reads (a log, a console,
 * `rules:backtest`) is what was stored. The error does not repeat the value.
 */
export function requirePrintableText(field: string, text: string): void {
  if (UNPRINTABLE.test(text)) {
    throw new InputError(field, 'must not contain control, formatting (bidi, zero-width) or line separator characters');
  }
}

/** `text` with each unprintable character written as a `\uXXXX` escape (`\u{XXXXX}` beyond the BMP), for a terminal. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE_ALL, (ch) => {
    const code = ch.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
