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

  it('takes one Redis URL, or a comma list for cluster and sentinel', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://user:pass@cache.internal:6380/2' }).REDIS_URL).toBe(
      'rediss://user:pass@cache.internal:6380/2',
    );
    const cluster = 'redis://10.0.0.1:7000,redis://10.0.0.2:7000,redis://10.0.0.3:7000';
    expect(loadConfig({ REDIS_URL: cluster, REDIS_MODE: 'cluster' }).REDIS_URL).toBe(cluster);
    expect(loadConfig({ REDIS_URL: 'redis://s1:26379, redis://s2:26379', REDIS_MODE: 'sentinel' }).REDIS_MODE).toBe(
      'sentinel',
    );
    expect(() => loadConfig({ REDIS_URL: cluster })).toThrow(/REDIS_URL: a comma list needs REDIS_MODE=cluster/);
    for (const bad of ['http://cache:6379', 'localhost:6379', 'redis://', 'redis://a:6379,']) {
      expect(() => loadConfig({ REDIS_URL: bad })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ADMIN_TOKEN: '', REDIS_URL: '' }).ADMIN_TOKEN).toBeUndefined();
  });

  it("checks the shape of the served providers' API keys, naming the variable and never the value", () => {
    const secret = 'sk-live-0123456789abcdef';
    for (const [bad, why] of [
      [`${secret}\n`, 'contains a line break'],
      [`${secret}\r\n`, 'contains a line break'],
      [`${secret} `, 'contains whitespace'],
      [`sk-live 0123456789abcdef`, 'contains whitespace'],
      [`\t${secret}`, 'contains whitespace'],
      ['   ', 'is only whitespace'],
      [`${secret}é`, 'contains characters other than printable ASCII'],
    ] as const) {
      let error: unknown;
      try {
        loadConfig({ OPENAI_API_KEY: bad });
      } catch (caught) {
        error = caught;
      }
      expect(ConfigError.isInstance(error), JSON.stringify(bad)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain(`OPENAI_API_KEY: the API key of openai ${why}`);
      expect(message).toContain('the value is not shown');
      expect(message).not.toContain('0123456789abcdef');
    }
    // One variable shared by two providers is reported once, naming both.
    expect(() => loadConfig({ HF_TOKEN: 'hf_abc def' })).toThrow(
      /HF_TOKEN: the API key of huggingface and huggingface-hub contains whitespace/,
    );
    // Good keys pass; unset or empty means not configured; providers not served are not checked;
    // a service-account path (custom auth) is not a key.
    expect(() =>
      loadConfig({ OPENAI_API_KEY: secret, GROQ_API_KEY: 'gsk_0123456789', ANTHROPIC_API_KEY: '' }),
    ).not.toThrow();
    expect(() => loadConfig({ PROVIDERS: 'groq', OPENAI_API_KEY: 'bad key' })).not.toThrow();
    expect(() => loadConfig({ GOOGLE_APPLICATION_CREDENTIALS: '/var/run/secrets/my key.json' })).not.toThrow();
  });

  it('reports bad keys along with every other problem', () => {
    expect(() => loadConfig({ PORT: 'eighty', GROQ_API_KEY: 'gsk_1\n' })).toThrow(
      /PORT:[\s\S]*GROQ_API_KEY: the API key of groq contains a line break/,
    );
  });

  it('reads the overrides reload interval, 5 s by default', () => {
    expect(loadConfig({}).OVERRIDES_RELOAD_MS).toBe(5_000);
    expect(loadConfig({ OVERRIDES_RELOAD_MS: '0' }).OVERRIDES_RELOAD_MS).toBe(0);
    expect(() => loadConfig({ OVERRIDES_RELOAD_MS: '-1' })).toThrow(/OVERRIDES_RELOAD_MS/);
    expect(loadConfig({}).CACHE_ROLLOUT_RELOAD_MS).toBe(5_000);
    expect(loadConfig({ CACHE_ROLLOUT_RELOAD_MS: '250' }).CACHE_ROLLOUT_RELOAD_MS).toBe(250);
    expect(() => loadConfig({ CACHE_ROLLOUT_RELOAD_MS: '0' })).toThrow(/CACHE_ROLLOUT_RELOAD_MS.*at least 1 ms/);
  });
});
