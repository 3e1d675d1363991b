import { ConfigError } from './config-error';

/** A required non-empty variable. The error names it and never echoes a value. */
export function requireVar(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, `is required ${because}`);
  return value.trim();
}

export function optionalVar(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** An http(s) URL without a trailing slash. */
export function httpUrlVar(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = optionalVar(env, name);
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must be an http(s) URL');
  return value.replace(/\/+$/, '');
}

/** Node's longest timer: a longer delay fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

export function positiveIntVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = optionalVar(env, name);
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new ConfigError(name, 'must be a positive integer');
  // Every *_MS setting ends up in a timer somewhere.
  if (name.endsWith('_MS') && Number(value) > MAX_TIMER_MS) throw new ConfigError(name, `must be at most ${MAX_TIMER_MS} ms (about 24.8 days)`);
  return Number(value);
}
