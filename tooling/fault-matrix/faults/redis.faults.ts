import { describe, it } from 'vitest';
import { runScenario } from '../src/run-scenario.ts';
import { annotateResult } from '../src/results-reporter.ts';
import { REDIS_SCENARIOS } from '../src/scenarios/redis-scenarios.ts';

describe('Redis faults', () => {
  for (const spec of REDIS_SCENARIOS) it(spec.name, ({ annotate }) => runScenario(spec, annotateResult(annotate)));
});
