import { InputError } from './input-error';

/**
 * Refuses text PostgreSQL cannot store or compare: a NUL character or an unpaired UTF-16 surrogate
 * (neither exists in PostgreSQL text or jsonb; the query would fail as a server error). Checked at the
 * boundary, before any vendor is called and billed and before anything is read or written.
 */
export function requireStorableText(field: string, text: string): void {
  if (text.includes('\u0000') || /\p{Surrogate}/u.test(text)) {
    throw new InputError(field, 'must be text without NUL characters or unpaired surrogates');
  }
}
