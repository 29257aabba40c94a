// The entry of the startup snapshot (built by build-start-snapshot.ts, run by `pnpm start:snapshot`):
// evaluated at build time, so every module the warm-up needs is already loaded when the snapshot
// starts; the main function then does what start-server.ts does, configured from the environment
// of the process that runs the snapshot.
import { enableCompileCache } from 'node:module';
import { startupSnapshot } from 'node:v8';
import { runServer } from '../run-server.ts';
import { prewarmStartPath } from './prewarm-start-path.ts';

// The start's own code, run once at build time on a throwaway composition, is in the snapshot as
// bytecode (config, logger, kernel, providers, catalog: ~9 ms less before the warm-up's requests).
// A failure fails the build (an unhandled rejection).
if (startupSnapshot.isBuildingSnapshot()) void prewarmStartPath();

startupSnapshot.setDeserializeMainFunction(() => {
  // The runtime modules (undici, fastify…: see snapshot-plugin.ts) are compiled once and kept on disk.
  enableCompileCache();
  void runServer({
    env: process.env,
    loadRedis: () => import('@catalog/cache-kernel/redis'),
    loadServer: () => import('../serve-catalog.ts'),
  });
});
