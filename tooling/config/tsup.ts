/**
 * The one tsup preset: ESM + .d.ts from src/index.ts (plus any extra entries), for Node >= 22.
 * A package's tsup.config.ts is:
 *   export { default } from '@catalog/config/tsup';
 */
import { defineConfig, type Options } from 'tsup';

export function catalogTsupConfig(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: false,
    ...overrides,
  };
}

export default defineConfig(catalogTsupConfig());
