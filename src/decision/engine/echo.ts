/**
 * How a policy's own keys and values are quoted back in problems: as JSON, cut to ECHO_LENGTH
 * characters with an ellipsis. A policy comes from a policy admin and may hold a key of megabytes;
 * a problem names it, and a problem is printed, logged and sent in GraphQL errors, so what it quotes
 * stays short whatever was written.
 */

/** The most characters of a key or value a problem quotes. */
export const ECHO_LENGTH = 64;

/** `text` itself when short, else its first ECHO_LENGTH characters and `…` (never a lone surrogate half). */
export function clip(text: string): string {
  if (text.length <= ECHO_LENGTH) return text;
  let end = ECHO_LENGTH;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A value as JSON, clipped; `undefined` reads as `undefined`. */
export function echo(value: unknown): string {
  if (typeof value === 'string') return clip(JSON.stringify(value.length > ECHO_LENGTH * 2 ? value.slice(0, ECHO_LENGTH * 2) : value));
  return clip(JSON.stringify(value) ?? String(value));
}
