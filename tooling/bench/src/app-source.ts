import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/** The catalog API's sources. The bench runs the app as a program (no build-time dependency on it). */
export const APP_SRC = path.resolve(import.meta.dirname, '../../../apps/catalog-api/src');

/** The start snapshot `pnpm --filter @catalog/catalog-api build:start` writes (`pnpm start:snapshot` runs it). */
export function startSnapshotBlob(): string {
  return path.resolve(APP_SRC, '../dist/start/catalog-api.blob');
}

/**
 * Builds the API's start snapshot unless it is up to date (apps/catalog-api `build:start`, run as a
 * program like the rest of the app: about 2 s when it builds, a hash of its inputs when it does not).
 */
export async function buildStartSnapshot(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(APP_SRC, 'snapshot/build-cli.ts')], {
    cwd: path.resolve(APP_SRC, '..'),
  });
}

interface ProviderFactoriesModule {
  PROVIDER_FACTORIES: Record<string, unknown>;
  placeholderKeys(value: string): Record<string, string>;
}

/** Every provider slug the API serves, and a placeholder key for each one that takes a key (as `pnpm demo` does). */
export async function apiProviders(): Promise<{ slugs: string[]; keyEnv: Record<string, string> }> {
  const url = pathToFileURL(path.join(APP_SRC, 'provider-factories.ts')).href;
  const factories = (await import(url)) as ProviderFactoriesModule;
  return {
    slugs: Object.keys(factories.PROVIDER_FACTORIES).sort(),
    keyEnv: factories.placeholderKeys('bench-key-not-a-secret'),
  };
}

/** The parts of the API's composition scenario 7 drives in its own process (types kept to what is used). */
export interface InProcessApp {
  server: { listen(options: { port: number; host: string }): Promise<string> };
  catalog: {
    start(): Promise<void>;
    warm(slugs?: readonly string[]): Promise<unknown>;
    view(): Promise<{ version: string; models: readonly unknown[] }>;
    health(): readonly { provider: string; modelCount: number }[];
  };
  kernel: { refresh(key: string, options?: { force?: boolean }): Promise<unknown> };
  close(): Promise<void>;
}

/** Builds the API as main.ts does (createApp with loadConfig and createLogger), not listening yet. */
export async function createInProcessApp(env: Record<string, string>): Promise<InProcessApp> {
  const load = (file: string) => import(pathToFileURL(path.join(APP_SRC, file)).href);
  const { loadConfig } = (await load('config.ts')) as { loadConfig(env: Record<string, string>): unknown };
  const { createLogger } = (await load('create-logger.ts')) as { createLogger(config: unknown): unknown };
  const { createApp } = (await load('create-app.ts')) as {
    createApp(options: { config: unknown; logger: unknown; env: Record<string, string> }): InProcessApp;
  };
  const { keyEnv } = await apiProviders();
  const config = loadConfig(env);
  return createApp({ config, logger: createLogger(config), env: { ...keyEnv, ...env } });
}
