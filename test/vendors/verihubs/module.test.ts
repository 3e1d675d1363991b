import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error';
import { verihubsModule } from '../../../src/vendors/verihubs/module';

describe('verihubsModule.readConfig', () => {
  it('returns null without VERIHUBS_BASE_URL (the simulator serves the vendor)', () => {
    expect(verihubsModule.readConfig({ VERIHUBS_APP_ID: 'a', VERIHUBS_API_KEY: 'b' }, 10_000)).toBeNull();
  });

  it('reads the base URL and both credentials', () => {
    const config = verihubsModule.readConfig({ VERIHUBS_BASE_URL: 'https://api.verihubs.com/', VERIHUBS_APP_ID: 'app-1', VERIHUBS_API_KEY: 'key-1' }, 7_000);
    expect(config).toEqual({ baseUrl: 'https://api.verihubs.com', timeoutMs: 7_000, appId: 'app-1', apiKey: 'key-1' });
  });

  it.each([
    [{ VERIHUBS_API_KEY: 'secret-key-value' }, 'VERIHUBS_APP_ID'],
    [{ VERIHUBS_APP_ID: 'secret-app-value' }, 'VERIHUBS_API_KEY'],
  ])('throws a ConfigError naming the missing credential', (credentials, variable) => {
    const read = () => verihubsModule.readConfig({ VERIHUBS_BASE_URL: 'https://api.verihubs.com', ...credentials }, 10_000);
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(() => verihubsModule.readConfig({ VERIHUBS_BASE_URL: 'ftp://x', VERIHUBS_APP_ID: 'a', VERIHUBS_API_KEY: 'b' }, 1)).toThrow(/VERIHUBS_BASE_URL/);
  });

  it('lists its variables', () => {
    expect(verihubsModule.baseUrlVariable).toBe('VERIHUBS_BASE_URL');
    expect(verihubsModule.variables).toEqual(['VERIHUBS_APP_ID', 'VERIHUBS_API_KEY']);
  });
});
