import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics } from 'prom-client';
import pkg from '../package.json' with { type: 'json' };
import { buildServer } from './build-server.ts';
import type { CatalogCore, ComposeCatalogOptions } from './compose-catalog.ts';
import { EncodedBodyCache } from './http/encoded-body.ts';

export interface App extends Omit<CatalogCore, 'close'> {
  server: FastifyInstance;
  /** Stop accepting, drain in-flight requests, stop the sync, close Redis. */
  close(): Promise<void>;
}

/**
 * The HTTP server (every route) over a composed catalog. Separate from `composeCatalog` so a
 * process can start the catalog's warm-up before it loads the server's modules (start-server.ts).
 */
export function serveCatalog(core: CatalogCore, options: Pick<ComposeCatalogOptions, 'config' | 'logger'>): App {
  const { catalog, kernel, rollout } = core;
  // The process's metrics (CPU, memory, event loop, GC) on /metrics beside the kernel's: set up with
  // the server, once the warm-up's requests are out (~4 ms of a cold start when done before them).
  collectDefaultMetrics({ register: kernel.registry });
  const server = buildServer(
    {
      catalog,
      config: options.config,
      bodies: new EncodedBodyCache(),
      registry: kernel.registry,
      storeKind: core.storeKind,
      redisConnected: () => kernel.remoteConnected(),
      instanceId: kernel.instanceId,
      version: pkg.version,
      rollout,
    },
    { logger: options.logger },
  );
  let closing: Promise<void> | undefined;
  return {
    ...core,
    server,
    close() {
      closing ??= (async () => {
        rollout.stop();
        // A keep-alive connection whose request was in flight goes idle once answered, and Node
        // keeps it open for the next request: close such connections as they go idle, or the
        // drain would last until every client hangs up.
        const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
        try {
          await server.close();
        } finally {
          clearInterval(sweep);
        }
        await core.close();
      })();
      return closing;
    },
  };
}
