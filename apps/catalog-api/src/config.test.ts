import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults: memory store, admin off, all providers', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      REDIS_MODE: 'standalone',
      FRESH_TTL_MS: 900_000,
      REQUEST_WAIT_MS: 2_000,
    });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.ADMIN_TOKEN).toBeUndefined();
    expect(config.PROVIDERS).toBeUndefined();
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '9000',
      PROVIDERS: 'groq, openrouter',
      REDIS_URL: 'redis://127.0.0.1:6380',
      FRESH_TTL_MS: '60000',
    });
    expect(config).toMatchObject({
      PORT: 9000,
      PROVIDERS: ['groq', 'openrouter'],
      REDIS_URL: 'redis://127.0.0.1:6380',
      FRESH_TTL_MS: 60_000,
    });
  });

  it('lists every problem at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', ADMIN_TOKEN: 'short', PROVIDERS: 'groq,nope', REDIS_MODE: 'mesh' });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('PORT:');
    expect(message).toContain('ADMIN_TOKEN: must be at least 16 characters');
    expect(message).toMatch(/PROVIDERS: unknown provider; known: .*openrouter/);
    expect(message).toContain('REDIS_MODE:');
  });

  it('reads per-provider cache policies as validated JSON', () => {
    const config = loadConfig({
      PROVIDER_POLICIES: '{"featherless":{"freshTtlMs":3600000,"breaker":{"threshold":3}}}',
    });
    expect(config.PROVIDER_POLICIES).toEqual({ featherless: { freshTtlMs: 3_600_000, breaker: { threshold: 3 } } });
    expect(() => loadConfig({ PROVIDER_POLICIES: '{oops' })).toThrow(/PROVIDER_POLICIES: must be JSON/);
    expect(() => loadConfig({ PROVIDER_POLICIES: '{"nope":{}}' })).toThrow(/PROVIDER_POLICIES/);
    expect(() => loadConfig({ PROVIDER_POLICIES: '{"groq":{"freshTtlMs":-1}}' })).toThrow(/PROVIDER_POLICIES/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ADMIN_TOKEN: '', REDIS_URL: '' }).ADMIN_TOKEN).toBeUndefined();
  });
});
