/**
 * The one vitest preset. A package's vitest.config.ts is:
 *   export { default } from '@catalog/config/vitest';
 * or calls `catalogVitestConfig({ ... })` to add options.
 *
 * Tests run against workspace sources (the `@catalog/source` export condition), so nothing
 * needs to be built before testing.
 */
import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

export const SOURCE_CONDITION = '@catalog/source';

const base = defineProject({
  resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'import', 'node', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
});

export function catalogVitestConfig(overrides: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  return mergeConfig(base, overrides);
}

export default catalogVitestConfig();
