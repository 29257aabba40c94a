// pnpm bench [--smoke] [--write] [--only 1,2,8b]: runs every scenario in its own fresh process,
// prints one table, and with --write (full runs only) updates docs/PERFORMANCE.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runScenario } from './run-scenario.ts';
import { SCENARIOS, selects } from './scenario.ts';
import { renderTable, type Row } from './table.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const smoke = values.smoke;
const only = values.only?.split(',').map((id) => id.trim());
if (only) {
  const unknown = only.filter((id) => !SCENARIOS.some((s) => selects(id, s.id)));
  if (unknown.length > 0) {
    console.error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
}
if (values.write && (smoke || only)) {
  console.error('--write needs a full run of every scenario (no --smoke, no --only)');
  process.exit(2);
}

const started = Date.now();
const loadBefore = os.loadavg();
const rows: Row[] = [];
let failed = 0;
for (const scenario of SCENARIOS) {
  if (only && !only.some((id) => selects(id, scenario.id))) continue;
  const t = Date.now();
  process.stderr.write(`scenario ${scenario.id}: ${scenario.title}… `);
  try {
    rows.push(...(await runScenario(scenario.id, { smoke }, (smoke ? 3 : 15) * 60_000)));
    process.stderr.write(`${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed++;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`FAILED\n${message}\n`);
    rows.push({
      scenario: `${scenario.id}. ${scenario.title}`,
      measured: `failed: ${message.split('\n')[0]}`,
      baseline: '—',
      ratio: '—',
      target: '—',
      verdict: 'failed',
    });
  }
}
const loadAfter = os.loadavg();
const table = renderTable(rows);
console.log(table);
console.log(
  `\n${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(0)} s${failed ? `; ${failed} scenario(s) FAILED` : ''}`,
);

if (values.write && failed === 0) {
  const cpus = os.cpus();
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  const doc = `# Performance

Measured by the project's own benchmark, one run on one machine, every comparison a ratio taken in the
same run. Every scenario runs in a fresh Node process (its own redis-server, mock upstream and API
processes where it needs them); figures are medians with the spread (min–max) across interleaved rounds.
\`met\`/\`missed\` is computed from the measured figures in the run that wrote this file.

Command: \`pnpm bench --write\` (smoke mode for CI: \`pnpm bench --smoke\`). Date: ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; load average
(1/5/15 min) ${load(loadBefore)} before and ${load(loadAfter)} after the run (a shared machine: other work ran
alongside, so absolute figures are noisy; the ratios are what to compare). What each scenario measures and
how: tooling/bench/README.md.

${table}
`;
  writeFileSync(path.resolve(import.meta.dirname, '../../../docs/PERFORMANCE.md'), doc);
  console.log('written to docs/PERFORMANCE.md');
}
process.exit(failed ? 1 : 0);
