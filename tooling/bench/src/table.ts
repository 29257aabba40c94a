/** One line of the benchmark table. */
export interface Row {
  /** "1. kernel read, memory, 200-byte value" */
  readonly scenario: string;
  /** What was measured for the catalog (median with spread). */
  readonly measured: string;
  /** The baseline measured in the same run, or "—". */
  readonly baseline: string;
  /** The comparison, e.g. "1.42×", or "—". */
  readonly ratio: string;
  /** The target, e.g. "≤ 2×", or "report" when the issue sets none. */
  readonly target: string;
  /** met / missed against the target (from the measured numbers), or reported when there is none. */
  readonly verdict: 'met' | 'missed' | 'reported' | 'failed';
}

/** A row judged against its target: `ok` must be computed from the measured values. */
export function judged(row: Omit<Row, 'verdict'>, ok: boolean): Row {
  return { ...row, verdict: ok ? 'met' : 'missed' };
}

/** A row without a target: the figure is reported only. */
export function reported(row: Omit<Row, 'verdict' | 'target'>): Row {
  return { ...row, target: 'report', verdict: 'reported' };
}

const HEADER = ['scenario', 'catalog', 'baseline (same run)', 'ratio', 'target', ''];

export function renderTable(rows: readonly Row[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [
    HEADER,
    HEADER.map(() => '---'),
    ...rows.map((r) => [r.scenario, r.measured, r.baseline, r.ratio, r.target, r.verdict].map(escape)),
  ];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
