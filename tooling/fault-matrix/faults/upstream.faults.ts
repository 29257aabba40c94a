import { describe, it } from 'vitest';
import { runScenario } from '../src/run-scenario.ts';
import { annotateResult } from '../src/results-reporter.ts';
import { UPSTREAM_SCENARIOS } from '../src/scenarios/upstream-scenarios.ts';

describe('upstream faults', () => {
  for (const spec of UPSTREAM_SCENARIOS) it(spec.name, ({ annotate }) => runScenario(spec, annotateResult(annotate)));
});
