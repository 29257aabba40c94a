// One process of scenario 3: a kernel on Redis (through the orchestrator's counting proxy) that,
// on "go", starts `reads` concurrent cold reads of one key and reports when all have settled.
// argv: <redis url> <key prefix> <upstream url> <reads>
import { CacheKernel, TieredStore } from '@catalog/cache-kernel';
import { createRedisClient, RedisStore } from '@catalog/cache-kernel/redis';
import { z } from 'zod';
import { tallyStoreErrors } from './store-error-tally.ts';
import { fetchJson } from './upstream-route.ts';

const [redisUrl, keyPrefix, upstreamUrl, readsArg] = process.argv.slice(2);
if (!redisUrl || !keyPrefix || !upstreamUrl || !readsArg || !process.send) {
  throw new Error('usage (with an IPC channel): stampede-worker.ts <redis url> <key prefix> <upstream url> <reads>');
}
const reads = Number(readsArg);
const kernel = new CacheKernel({
  store: new TieredStore(new RedisStore({ client: createRedisClient({ urls: [redisUrl] }), keyPrefix })),
});
kernel.register('models', { schema: z.unknown(), fetch: (signal) => fetchJson(upstreamUrl, signal) });
// Store errors during the stampede, by operation and message (e.g. a lock step past its deadline).
const storeErrors: Record<string, number> = {};
tallyStoreErrors(kernel, storeErrors);
if (!(await kernel.connect(5_000))) throw new Error(`Redis at ${redisUrl} did not connect`);

process.on('message', (message: { go?: boolean }) => {
  if (!message.go) return;
  void (async () => {
    const t = performance.now();
    const results = await Promise.allSettled(Array.from({ length: reads }, () => kernel.get('models')));
    const settledMs = performance.now() - t;
    const sources: Record<string, number> = {};
    let errors = 0;
    for (const r of results) {
      if (r.status === 'rejected') errors++;
      else sources[r.value.source] = (sources[r.value.source] ?? 0) + 1;
    }
    await kernel.settle();
    process.send!({ settledMs, sources, errors, storeErrors }, () => {
      void kernel.close().then(() => process.exit(0));
    });
  })();
});
process.send({ ready: true });
