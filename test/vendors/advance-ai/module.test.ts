import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error';
import { advanceAiModule } from '../../../src/vendors/advance-ai/module';

describe('advanceAiModule.readConfig', () => {
  const full = { ADVANCE_BASE_URL: 'https://sg-api.advance.ai/', ADVANCE_ACCESS_KEY: 'ak', ADVANCE_SECRET_KEY: 'sk' };

  it('returns null without a base URL (the simulator serves the vendor)', () => {
    expect(advanceAiModule.readConfig({}, 1_000)).toBeNull();
    expect(advanceAiModule.readConfig({ ADVANCE_ACCESS_KEY: 'ak' }, 1_000)).toBeNull();
  });

  it('reads the base URL and both keys', () => {
    expect(advanceAiModule.readConfig(full, 1_234)).toEqual({
      baseUrl: 'https://sg-api.advance.ai',
      timeoutMs: 1_234,
      accessKey: 'ak',
      secretKey: 'sk',
      tokenPeriodSeconds: 3600,
    });
  });

  it.each(['ADVANCE_ACCESS_KEY', 'ADVANCE_SECRET_KEY'])('throws a ConfigError naming %s when it is missing', (name) => {
    const env: Record<string, string> = { ...full, [name]: '' };
    expect(() => advanceAiModule.readConfig(env, 1_000)).toThrow(ConfigError);
    expect(() => advanceAiModule.readConfig(env, 1_000)).toThrow(new RegExp(`^${name}:`));
    try {
      advanceAiModule.readConfig(env, 1_000);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(name);
      expect((error as Error).message).not.toMatch(/\bak\b|\bsk\b/);
    }
  });

  it('a base URL that is not http(s) is a ConfigError naming ADVANCE_BASE_URL', () => {
    expect(() => advanceAiModule.readConfig({ ...full, ADVANCE_BASE_URL: 'ftp://x' }, 1_000)).toThrow(/^ADVANCE_BASE_URL:/);
  });
});
