// The catalog API in real mode from its TypeScript sources (entry: main.ts): REDIS_URL, provider
// keys, ADMIN_TOKEN… from the environment.
import { runServer } from './run-server.ts';

await runServer({
  env: process.env,
  loadRedis: () => import('@catalog/cache-kernel/redis'),
  loadServer: () => import('./serve-catalog.ts'),
});
