// The fault matrix (`pnpm test:faults`): a vitest run of its own, not part of `pnpm test` (the root
// runs each package's vitest.config.ts, and this package's includes the unit tests only). One
// scenario at a time: each starts the API, a mock upstream and maybe a redis-server, and loads them.
import { catalogVitestConfig } from '@catalog/config/vitest';
import { defineConfig } from 'vitest/config';

const project = catalogVitestConfig({ test: { name: 'fault-matrix', testTimeout: 90_000, fileParallelism: false } });

export default defineConfig({
  ...project,
  test: {
    ...project.test,
    // The preset's include lists the unit tests; the matrix is only faults/*.faults.ts.
    include: ['faults/**/*.faults.ts'],
    reporters: ['default', './src/results-reporter.ts'],
  },
});
