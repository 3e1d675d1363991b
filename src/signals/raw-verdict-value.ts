/** The longest `CheckVerdict.raw` kept. */
export const RAW_VERDICT_MAX = 64;

/**
 * A verdict field's value as sent, for `CheckVerdict.raw`: text (trimmed, at most 64 characters),
 * a number or boolean written as text, null when absent or null. A list or object is named by its
 * shape (`(list)`, `(object)`), never copied, so no document content rides along.
 */
export function rawVerdictValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim().slice(0, RAW_VERDICT_MAX);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).slice(0, RAW_VERDICT_MAX);
  return Array.isArray(value) ? '(list)' : '(object)';
}
