import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './start-test-app.ts';

const OPS = path.resolve(import.meta.dirname, '../../../ops');

function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: path.join(OPS, 'prometheus'), encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const failure = error as { code?: string; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT')
      throw new Error('promtool is not installed: `apt-get install prometheus` (tooling/bootstrap.sh does it)');
    throw new Error(`promtool ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

/** Metric names an expression uses (identifiers that are not PromQL words, labels or recording rules). */
function metricNames(expression: string): string[] {
  const words = new Set([
    'sum',
    'by',
    'without',
    'rate',
    'increase',
    'max',
    'min',
    'avg',
    'count',
    'histogram_quantile',
    'le',
    'provider',
    'reason',
    'outcome',
    'function',
    'instance',
    'and',
    'or',
    'unless',
    'on',
    'ignoring',
    'bool',
    'offset',
  ]);
  const names = new Set<string>();
  for (const match of expression
    .replace(/"[^"]*"/g, '""')
    .matchAll(/\b([a-z_][a-z0-9_:]*)\b(?!\s*(?:=(?!=)|!=|!~))/g)) {
    const name = match[1]!;
    if (words.has(name) || name.includes(':')) continue;
    names.add(name.replace(/_(bucket|count|sum)$/, ''));
  }
  return [...names];
}

let t: TestApp;
let exported: Set<string>;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
  const text = await (await request(`${t.url}/metrics`)).body.text();
  exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
});
afterAll(() => t.close());

describe('monitoring files', () => {
  it('the alert rules are valid and their unit tests pass (promtool)', () => {
    expect(promtool('check', 'rules', 'catalog-alerts.yml')).toMatch(/SUCCESS: \d+ rules found/);
    expect(promtool('test', 'rules', 'catalog-alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('every metric the alert rules use is exported by /metrics', () => {
    const rules = readFileSync(path.join(OPS, 'prometheus/catalog-alerts.yml'), 'utf8');
    const expressions = [...rules.matchAll(/expr: (\|\n(?:\s{10,}.*\n)+|.*)/g)].map((m) => m[1]!);
    const used = new Set(expressions.flatMap(metricNames));
    expect(used.size).toBeGreaterThanOrEqual(8);
    for (const name of used) expect(exported, `${name} is used by an alert but not exported`).toContain(name);
  });

  it('every metric the Grafana dashboard uses is exported by /metrics', () => {
    const dashboard = JSON.parse(readFileSync(path.join(OPS, 'grafana/catalog-dashboard.json'), 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const used = new Set(
      dashboard.panels.flatMap((p) => p.targets ?? []).flatMap((target) => metricNames(target.expr)),
    );
    for (const name of [
      'legacy_cache_calls_total',
      'cache_dual_read_mismatch_total',
      'circuit_breaker_state',
      'catalog_models',
    ]) {
      expect(used).toContain(name);
    }
    for (const name of used) expect(exported, `${name} is used by the dashboard but not exported`).toContain(name);
  });
});
