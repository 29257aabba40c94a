import { CacheKernel, TieredStore } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { startRedisServer } from '@catalog/test-kit';
import { z } from 'zod';
import type { ScenarioOptions } from './scenario.ts';
import { fmt } from './stats.ts';
import { syntheticModels } from './synthetic-values.ts';
import { judged, type Row } from './table.ts';

/**
 * Scenario 8 (part): Redis bytes per model for a 20 000-model catalog (MEMORY USAGE of the
 * stored hash) against the raw JSON, with the kernel's compression.
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const models = smoke ? 2_000 : 20_000;
  const redis = await startRedisServer();
  try {
    const list = syntheticModels(models);
    const client = createRedisClient({ urls: [redis.url] });
    const kernel = new CacheKernel({ store: new TieredStore(new RedisStore({ client, keyPrefix: 'b:' })) });
    kernel.register('catalog', { schema: z.unknown(), fetch: async () => list });
    await kernel.connect(5_000);
    await kernel.get('catalog');
    await kernel.settle();
    const stored = Number(redis.cli('MEMORY', 'USAGE', 'b:{catalog}'));
    const raw = Buffer.byteLength(JSON.stringify(list));
    await kernel.close();
    const ratio = raw / stored;
    return [
      judged(
        {
          scenario: `8. Redis bytes, ${models} models`,
          measured: `${fmt(stored / models)} B/model (${stored} B)`,
          baseline: `raw JSON: ${fmt(raw / models)} B/model`,
          ratio: `${fmt(ratio)}× smaller`,
          target: '≥ 4×',
        },
        ratio >= 4,
      ),
    ];
  } finally {
    await redis.stop();
  }
}
