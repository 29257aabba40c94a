import type { Catalog } from '@catalog/aggregator';
import type { RolloutSwitches } from '@catalog/legacy-cache';
import type { Registry } from 'prom-client';
import type { AppConfig } from '../config.ts';
import type { EncodedBodyCache } from '../http/encoded-body.ts';
import type { FastPath } from '../http/fast-path.ts';

/** What route modules need from the app. */
export interface RouteContext {
  catalog: Catalog;
  config: AppConfig;
  bodies: EncodedBodyCache;
  registry: Registry;
  /** How the cache is stored, for the status route: memory, redis, cluster or sentinel. */
  storeKind: string;
  redisConnected: () => boolean | undefined;
  /** This instance's id in the fleet (the owner written into the Redis locks it holds). */
  instanceId: string;
  version: string;
  /** Migration switches of the legacy cache API (shown on /system/cache, changed by PUT /admin/rollout). */
  rollout: RolloutSwitches;
  /** Set by buildServer: where version-only bodies are remembered for the node:http fast path. */
  fastPath?: FastPath;
}
