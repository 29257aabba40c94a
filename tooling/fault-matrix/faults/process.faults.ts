import { describe, it } from 'vitest';
import { runScenario } from '../src/run-scenario.ts';
import { annotateResult } from '../src/results-reporter.ts';
import { PROCESS_SCENARIOS } from '../src/scenarios/process-scenarios.ts';

describe('process faults', () => {
  for (const spec of PROCESS_SCENARIOS) it(spec.name, ({ annotate }) => runScenario(spec, annotateResult(annotate)));
});
