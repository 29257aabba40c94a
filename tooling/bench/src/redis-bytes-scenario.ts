import { CacheKernel, TieredStore } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { startRedisServer } from '@catalog/test-kit';
import { z } from 'zod';

/**
 * Scenario 8 (part): Redis bytes per model for a 20 000-model catalog (MEMORY USAGE of the
 * stored hash) against the raw JSON, with the kernel's compression.
 */
export async function redisBytesScenario(models: number) {
  const redis = await startRedisServer();
  try {
    const list = Array.from({ length: models }, (_, i) => ({
      id: `author-${i % 97}/model-${i}-${i % 3 ? 'instruct' : 'chat'}`,
      provider: ['openrouter', 'together', 'deepinfra', 'groq'][i % 4],
      canonicalId: `author-${i % 97}/model-${i}`,
      name: `Model ${i} ${i % 3 ? 'Instruct' : 'Chat'}`,
      contextLength: [8192, 32768, 131072, 200000][i % 4],
      pricing: {
        prompt: (0.0000001 * ((i % 50) + 1)).toFixed(10).replace(/0+$/, ''),
        completion: (0.0000004 * ((i % 30) + 1)).toFixed(10).replace(/0+$/, ''),
      },
      inputModalities: i % 5 ? ['text'] : ['text', 'image'],
      outputModalities: ['text'],
      created: new Date(1_700_000_000_000 + i * 3_600_000).toISOString(),
    }));
    const client = createRedisClient({ urls: [redis.url] });
    const kernel = new CacheKernel({ store: new TieredStore(new RedisStore({ client, keyPrefix: 'b:' })) });
    kernel.register('catalog', { schema: z.unknown(), fetch: async () => list });
    await kernel.connect(5_000);
    await kernel.get('catalog');
    await kernel.settle();
    const stored = Number(redis.cli('MEMORY', 'USAGE', 'b:{catalog}'));
    const raw = Buffer.byteLength(JSON.stringify(list));
    await kernel.close();
    return { models, storedBytes: stored, rawBytes: raw, bytesPerModel: stored / models, ratio: raw / stored };
  } finally {
    await redis.stop();
  }
}
