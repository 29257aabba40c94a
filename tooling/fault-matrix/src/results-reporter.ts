import type { TestCase, TestModule } from 'vitest/node';
import { markdownTable, writeReliabilitySection } from './reliability-doc.ts';
import type { ScenarioResult } from './scenario.ts';

/** The annotation type carrying a scenario's results row from the test to the reporter. */
export const RESULT_ANNOTATION = 'fault-matrix-result';
/** Set to 1 to write the results table into docs/RELIABILITY.md. */
export const WRITE_ENV = 'FAULT_MATRIX_WRITE';
export const FAULT_SECTION = 'fault-matrix';

/** A test's `annotate` turned into the runner's `report`. */
export function annotateResult(annotate: (message: string, type?: string) => Promise<unknown>) {
  return async (result: ScenarioResult) => {
    await annotate(JSON.stringify(result), RESULT_ANNOTATION);
  };
}

const formatFigures = (figures: ScenarioResult['figures']) =>
  Object.entries(figures)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');

/** The results table: one row per scenario, its outcome from the test result. */
export function renderResults(rows: readonly { result: ScenarioResult; outcome: string }[]): string {
  return markdownTable(
    ['Group', 'Scenario', 'Fault injected', 'Asserted', 'Outcome', 'Key figures'],
    rows.map(({ result, outcome }) => [
      result.group,
      result.name,
      result.fault,
      result.asserted.map((a) => `• ${a}`).join('\n'),
      outcome,
      formatFigures(result.figures),
    ]),
  );
}

/**
 * Collects every scenario's results row (its `fault-matrix-result` annotation) and, when
 * FAULT_MATRIX_WRITE=1 and every scenario ran, writes the table into docs/RELIABILITY.md.
 */
export default class ResultsReporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const rows: { result: ScenarioResult; outcome: string }[] = [];
    let notRun = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests() as Iterable<TestCase>) {
        const annotation = test.annotations().find((a) => a.type === RESULT_ANNOTATION);
        const state = test.result().state;
        if (!annotation || state === 'skipped' || state === 'pending') {
          notRun++;
          continue;
        }
        rows.push({
          result: JSON.parse(annotation.message) as ScenarioResult,
          outcome: state === 'passed' ? 'pass' : 'FAIL',
        });
      }
    }
    // Upstream, Redis, process; each file's scenarios in the order they are declared.
    const order: ScenarioResult['group'][] = ['upstream', 'redis', 'process'];
    rows.sort((a, b) => order.indexOf(a.result.group) - order.indexOf(b.result.group));
    if (process.env[WRITE_ENV] !== '1') return;
    if (notRun > 0) {
      console.error(`fault matrix: ${notRun} scenario(s) did not run; docs/RELIABILITY.md is left as it was`);
      return;
    }
    const passed = rows.filter((r) => r.outcome === 'pass').length;
    writeReliabilitySection(
      FAULT_SECTION,
      `${passed} of ${rows.length} scenarios passed (${new Date().toISOString().slice(0, 10)}, \`${WRITE_ENV}=1 pnpm test:faults\`).\n\n${renderResults(rows)}`,
    );
    console.log(`fault matrix: ${rows.length} scenarios written to docs/RELIABILITY.md`);
  }
}
