import { installLegacyCache } from '@catalog/legacy-cache';
import { composeCatalog } from '../compose-catalog.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../create-logger.ts';
import { placeholderKeys } from '../provider-factories.ts';

/**
 * Runs, while the start snapshot is built, the start's own code up to the warm-up on a throwaway
 * composition: configuration (and zod's compiled parsers for it), the logger, kernel, providers and
 * catalog. A function V8 compiled before the snapshot was taken is in it as bytecode, so the start
 * does not compile it again. Nothing is fetched, no timer is left, and no instance is kept.
 */
export async function prewarmStartPath(): Promise<void> {
  // A placeholder key for every provider that takes one, so each is composed as a configured one.
  const env = { ...placeholderKeys('snapshot-build-placeholder'), LOG_LEVEL: 'silent' };
  const config = loadConfig(env);
  const logger = createLogger(config, { write: () => undefined });
  const core = composeCatalog({ config, logger, env, pooledHttp: false });
  installLegacyCache(undefined);
  await core.close();
}
