import { describe, expect, it } from 'vitest';
import { renderResults } from './results-reporter.ts';

describe('renderResults', () => {
  it('renders one row per scenario with what it asserted, its outcome and figures', () => {
    const table = renderResults([
      {
        result: {
          name: 'hang',
          group: 'upstream',
          fault: 'never answers',
          asserted: ['answered 200', 'breaker open'],
          figures: { requests: 1200, p99Ms: 40 },
        },
        outcome: 'pass',
      },
    ]);
    expect(table.split('\n')).toEqual([
      '| Group | Scenario | Fault injected | Asserted | Outcome | Key figures |',
      '| --- | --- | --- | --- | --- | --- |',
      '| upstream | hang | never answers | • answered 200<br>• breaker open | pass | requests 1200, p99Ms 40 |',
    ]);
  });
});
