// The root test run: every package's vitest project in one process and one summary.
// `pnpm test` runs it; `pnpm test:tier <tier>` runs a tier's providers through turbo.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'providers/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tooling/*/vitest.config.ts'],
    reporters: process.env.CI ? ['dot'] : ['default'],
  },
});
