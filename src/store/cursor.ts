import { InputError } from '../orchestration/input-error';

const PREFIX = 'identity:';

/** Opaque Relay cursor over the case's insertion sequence (stable: it never changes once written). */
export function encodeCursor(seq: string | number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The sequence in a cursor; a cursor this gateway did not make is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || !/^\d{1,18}$/.test(text.slice(PREFIX.length)) || encodeCursor(text.slice(PREFIX.length)) !== cursor) {
    throw new InputError('after', 'is not a cursor from this listing');
  }
  return text.slice(PREFIX.length);
}
