import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeCatalog, RedisModuleMissingError } from './compose-catalog.ts';
import { loadConfig } from './config.ts';

const logger = pino({ level: 'silent' });

describe('composeCatalog', () => {
  it('composes a memory-mode catalog without the Redis store module', async () => {
    const core = composeCatalog({ config: loadConfig({ PROVIDERS: 'openrouter' }), logger, pooledHttp: false });
    try {
      expect(core.storeKind).toBe('memory');
      expect(core.catalog.providerSlugs()).toEqual(['openrouter']);
    } finally {
      await core.close();
    }
  });

  it('refuses REDIS_URL without the Redis store module, naming what is missing', () => {
    const config = loadConfig({ PROVIDERS: 'openrouter', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(() => composeCatalog({ config, logger, pooledHttp: false })).toThrow(RedisModuleMissingError);
    expect(() => composeCatalog({ config, logger, pooledHttp: false })).toThrow(/options\.redis/);
  });
});
