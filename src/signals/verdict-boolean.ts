/**
 * A verdict flag read strictly: a JSON boolean, or the words true / false in any case (vendors
 * write "True" / "False"). Anything else (1, "yes", "pass", "", null) is null: not understood, never
 * read as either answer.
 */
export function readVerdictBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : null;
}
