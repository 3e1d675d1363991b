import { httpUrlVar, requireVar } from '../config/env-readers';

/**
 * The variables of a vendor whose base URL is set: the base URL and each required credential (a
 * missing one throws a ConfigError naming it). Null when the base URL is unset: the vendor is then
 * served by its simulator in development.
 */
export function readVendorVariables<N extends string>(
  env: NodeJS.ProcessEnv,
  baseUrlVariable: string,
  required: readonly N[],
): { baseUrl: string; values: Record<N, string> } | null {
  const baseUrl = httpUrlVar(env, baseUrlVariable);
  if (baseUrl === null) return null;
  const because = `when ${baseUrlVariable} is set`;
  const values = Object.fromEntries(required.map((name) => [name, requireVar(env, name, because)])) as Record<N, string>;
  return { baseUrl, values };
}
