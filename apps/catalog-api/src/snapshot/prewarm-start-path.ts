import { installLegacyCache } from '@catalog/legacy-cache';
import { composeCatalog } from '../compose-catalog.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../create-logger.ts';
import { PROVIDER_FACTORIES } from '../provider-factories.ts';

/**
 * Runs, while the start snapshot is built, the start's own code up to the warm-up on a throwaway
 * composition: configuration (and zod's compiled parsers for it), the logger, kernel, providers and
 * catalog. A function V8 compiled before the snapshot was taken is in it as bytecode, so the start
 * does not compile it again. Nothing is fetched, no timer is left, and no instance is kept.
 */
export async function prewarmStartPath(): Promise<void> {
  const env: Record<string, string> = { LOG_LEVEL: 'silent' };
  // A placeholder key for every provider that takes one, so each is composed as a configured one.
  for (const create of Object.values(PROVIDER_FACTORIES)) {
    const auth = create({ env: {} }).auth;
    if (auth.kind !== 'none' && 'envVar' in auth) env[auth.envVar] = 'snapshot-build-placeholder';
  }
  const config = loadConfig(env);
  const logger = createLogger(config, { write: () => undefined });
  const core = composeCatalog({ config, logger, env, pooledHttp: false });
  installLegacyCache(undefined);
  await core.close();
}
