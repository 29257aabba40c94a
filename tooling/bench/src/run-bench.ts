// pnpm bench [--smoke] [--write]: runs the scenarios, prints one table, and with --write updates docs/PERFORMANCE.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { endpointScenario } from './endpoint-scenario.ts';
import { kernelReadScenario } from './kernel-read-scenario.ts';
import { redisBytesScenario } from './redis-bytes-scenario.ts';
import { fmt, summarize } from './stats.ts';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, write: { type: 'boolean', default: false } },
});
const smoke = values.smoke;
const rows: string[][] = [];
const spread = (s: { median: number; min: number; max: number }, digits = 1) =>
  `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

for (const r of await kernelReadScenario({ iterations: smoke ? 20_000 : 500_000, rounds: smoke ? 3 : 7 })) {
  const ratio = summarize(r.kernelNs.map((k, i) => k / r.mapNs[i]!));
  rows.push([
    `1. kernel read, memory, ${r.value}`,
    `${spread(r.kernel)} ns/op`,
    `await map.get: ${spread(r.map)} ns/op`,
    `${fmt(ratio.median, 2)}×`,
    '≤ 2×',
    ratio.median <= 2 ? 'met' : 'missed',
  ]);
}

const endpoint = await endpointScenario({ seconds: smoke ? 1 : 5, rounds: smoke ? 1 : 3 });
for (const [route, result] of Object.entries(endpoint)) {
  const api = summarize(result.api.map((r) => r.requestsPerSecond));
  const bare = summarize(result.bare.map((r) => r.requestsPerSecond));
  const p99 = summarize(result.api.map((r) => r.p99Ms));
  const ratio = summarize(
    result.api.map((r, i) => r.requestsPerSecond / (result.bare[i] ?? result.bare[0]!).requestsPerSecond),
  );
  const target = route.endsWith('(304)') ? 0.9 : 0.8;
  rows.push([
    `5. ${route}, warm, 100 connections`,
    `${spread(api, 0)} req/s, p99 ${fmt(p99.median, 2)} ms`,
    `bare node:http: ${spread(bare, 0)} req/s`,
    `${fmt(ratio.median, 2)}×`,
    `≥ ${target}×`,
    ratio.median >= target ? 'met' : 'missed',
  ]);
}

const bytes = await redisBytesScenario(smoke ? 2_000 : 20_000);
rows.push([
  `8. Redis bytes, ${bytes.models} models`,
  `${fmt(bytes.bytesPerModel)} B/model (${bytes.storedBytes} B)`,
  `raw JSON: ${fmt(bytes.rawBytes / bytes.models)} B/model`,
  `${fmt(bytes.ratio)}× smaller`,
  '≥ 4×',
  bytes.ratio >= 4 ? 'met' : 'missed',
]);

const header = ['scenario', 'catalog', 'baseline (same run)', 'ratio', 'target', ''];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
console.log(table);
if (values.write && !smoke) {
  const doc = `# Performance

Measured by the project's own benchmark, one run on one machine (2 cores; the CI machine class), every
comparison a ratio taken in the same run. Figures are medians with the spread (min–max) across interleaved rounds.

Command: \`pnpm bench --write\` (smoke mode for CI: \`pnpm bench --smoke\`). Date: ${new Date().toISOString().slice(0, 10)}.

${table}

Scenarios not measured yet (issue 7): peers (bentocache, cacheable, cache-manager), Redis-only reads against
GET + parse and the no-payload revalidation, the three-process stampede, Redis-down latencies, cold start with
spread latencies, rebuild time at 20 000 models, API RSS, and old-versus-new hit rates.
`;
  writeFileSync(path.resolve(import.meta.dirname, '../../../docs/PERFORMANCE.md'), doc);
  console.log('written to docs/PERFORMANCE.md');
}
process.exit(0);
