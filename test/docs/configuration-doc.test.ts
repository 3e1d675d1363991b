import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/config/config-error';

const guide = readFileSync(join(__dirname, '../../docs/configuration.md'), 'utf8');

/** Runs loadConfig on `base`, recording every variable it reads; returns the names and the error, if any. */
function reads(base: Record<string, string>): { names: Set<string>; error: unknown } {
  const names = new Set<string>();
  const env = new Proxy(base, {
    get(target, key) {
      if (typeof key === 'string') names.add(key);
      return target[key as string];
    },
  });
  try {
    loadConfig(env);
    return { names, error: null };
  } catch (error) {
    return { names, error };
  }
}

/**
 * Every variable the gateway reads at start-up, in development on its defaults and in production
 * with every vendor configured: found by running the real loader on an environment that records what
 * it reads, filling in each variable a start refuses for want of it.
 */
function variablesRead(): Set<string> {
  const all = new Set(reads({}).names);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    API_KEYS: JSON.stringify([{ name: 'ops', key: 'docs-test-key-0123456789abcdef', scopes: ['*'] }]),
  };
  for (let round = 0; round < 50; round += 1) {
    const { names, error } = reads(env);
    for (const name of names) all.add(name);
    const baseUrls = [...names].filter((n) => n.endsWith('_BASE_URL') && !(n in env));
    for (const name of baseUrls) env[name] = 'https://vendor.example';
    if (error === null && baseUrls.length === 0) return all;
    if (error !== null && baseUrls.length === 0) {
      expect(error).toBeInstanceOf(ConfigError);
      const variable = (error as ConfigError).variable;
      expect(env[variable], `${variable} refused with a filled-in value`).toBeUndefined();
      env[variable] = 'placeholder';
    }
  }
  throw new Error('a production configuration never loaded');
}

describe('docs/configuration.md', () => {
  it('documents every environment variable the gateway reads at start-up', () => {
    const names = variablesRead();
    // Sanity: the recording saw the loader at work, vendors' credentials included.
    expect(names).toContain('PORT');
    expect(names).toContain('ADVANCE_SECRET_KEY');
    expect(names.size).toBeGreaterThan(50);
    // Per-vendor timeouts are documented as one pattern, `<VENDOR>_TIMEOUT_MS`, with examples.
    const vendorPrefixes = [...names].filter((n) => n.endsWith('_BASE_URL')).map((n) => n.replace(/_BASE_URL$/, ''));
    const documented = (name: string) => guide.includes(`\`${name}\``) || (guide.includes('`<VENDOR>_TIMEOUT_MS`') && vendorPrefixes.some((p) => name === `${p}_TIMEOUT_MS`));
    expect([...names].filter((name) => !documented(name)).sort()).toEqual([]);
  });
});
