import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { promqlUsage, type PromqlUsage } from './promql-usage.ts';
import { startTestApp, type TestApp } from './start-test-app.ts';

const OPS = path.resolve(import.meta.dirname, '../../../ops');
/** Labels Prometheus adds when it scrapes, on every series. */
const SCRAPE_LABELS = ['instance', 'job'];

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

interface Rule {
  kind: 'record' | 'alert';
  name: string;
  expr: string;
  labels: string[];
  annotations: string[];
}

/** The rules of catalog-alerts.yml: name, expression (inline or a `|` block), label keys, annotation texts. */
function readRules(text: string): Rule[] {
  const rules: Rule[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\s*)- (record|alert): (\S+)\s*$/.exec(lines[i]!);
    if (!head) continue;
    const indent = head[1]!.length + 2;
    const rule: Rule = { kind: head[2] as Rule['kind'], name: head[3]!, expr: '', labels: [], annotations: [] };
    let section: 'labels' | 'annotations' | undefined;
    for (i++; i < lines.length && !/^\s*- (record|alert): /.test(lines[i]!); i++) {
      const line = lines[i]!;
      const key = new RegExp(`^ {${indent}}(\\w+):\\s*(.*)$`).exec(line);
      if (key) {
        section = key[1] === 'labels' || key[1] === 'annotations' ? key[1] : undefined;
        if (key[1] !== 'expr') continue;
        if (key[2] !== '|') rule.expr = key[2]!;
        else
          while (i + 1 < lines.length && (lines[i + 1]!.startsWith(' '.repeat(indent + 2)) || !lines[i + 1]!.trim()))
            rule.expr += `${lines[++i]!.trim()} `;
        continue;
      }
      const entry = new RegExp(`^ {${indent + 2}}(\\w+):\\s*(.*)$`).exec(line);
      if (entry && section === 'labels') rule.labels.push(entry[1]!);
      if (entry && section === 'annotations') rule.annotations.push(entry[2]!);
    }
    i--;
    rules.push({ ...rule, expr: rule.expr.trim() });
  }
  return rules;
}

interface Dashboard {
  templating: { list: { type: string; query?: string }[] };
  panels: { title: string; targets?: { expr: string; legendFormat?: string }[]; panels?: Dashboard['panels'] }[];
}

let t: TestApp;
/** Series names /metrics exports (histogram and summary parts included). */
let exported: Set<string>;
/** Labels each exported series can carry, from the metric's declaration. */
let labelsOf: Map<string, Set<string>>;
let rules: Rule[];
let dashboard: Dashboard;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.catalog.start();
  const text = await (await request(`${t.url}/metrics`)).body.text();
  exported = new Set();
  labelsOf = new Map();
  // prom-client keeps each metric's declared label names on the metric object.
  const metrics = t.app.kernel.registry.getMetricsAsArray() as unknown as { name: string; labelNames?: string[] }[];
  const declared = new Map(metrics.map((m) => [m.name, m.labelNames ?? []]));
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const labels = [...(declared.get(name!) ?? []), ...SCRAPE_LABELS];
    const parts =
      type === 'histogram'
        ? [
            ['_bucket', ['le']],
            ['_sum', []],
            ['_count', []],
          ]
        : type === 'summary'
          ? [
              ['', ['quantile']],
              ['_sum', []],
              ['_count', []],
            ]
          : [['', []]];
    for (const [suffix, extra] of parts as [string, string[]][]) {
      exported.add(`${name}${suffix}`);
      labelsOf.set(`${name}${suffix}`, new Set([...labels, ...extra]));
    }
  }
  rules = readRules(readFileSync(path.join(OPS, 'prometheus/catalog-alerts.yml'), 'utf8'));
  dashboard = JSON.parse(readFileSync(path.join(OPS, 'grafana/catalog-dashboard.json'), 'utf8')) as Dashboard;
});
afterAll(() => t.close());

/** Labels an expression's result can carry: those of its metrics (recorded ones: of their rule) and of its clauses. */
function resultLabels(usage: PromqlUsage): Set<string> {
  const labels = new Set([...usage.groupingLabels, ...SCRAPE_LABELS]);
  for (const name of usage.metrics.keys()) {
    const recorded = rules.find((r) => r.kind === 'record' && r.name === name);
    const own = recorded ? resultLabels(promqlUsage(recorded.expr)) : (labelsOf.get(name) ?? []);
    for (const label of own) labels.add(label);
  }
  return labels;
}

/** Every metric an expression uses is exported (or recorded by a rule), with the labels it matches on. */
function checkExpression(expression: string, where: string): PromqlUsage {
  const usage = promqlUsage(expression);
  const available = resultLabels(usage);
  for (const [name, matched] of usage.metrics) {
    const recorded = rules.find((r) => r.kind === 'record' && r.name === name);
    if (!recorded) expect(exported, `${where}: ${name} is not exported by /metrics`).toContain(name);
    const labels = recorded ? resultLabels(promqlUsage(recorded.expr)) : labelsOf.get(name)!;
    for (const label of matched) expect(labels, `${where}: ${name} has no label "${label}"`).toContain(label);
  }
  for (const label of usage.groupingLabels) {
    expect(available, `${where}: no metric in it has the label "${label}"`).toContain(label);
  }
  return usage;
}

describe('the PromQL reader the checks rely on', () => {
  it('finds metrics, selector labels, clause labels and functions, and nothing else', () => {
    const usage = promqlUsage(
      'histogram_quantile(0.95, sum by (provider, le) (rate(a_seconds_bucket{provider=~"$provider",outcome="ok"}[$__rate_interval] offset 5m)))' +
        ' / on (provider) group_left () b:recorded:ratio > bool 0.5 or max without (instance) (c_total{reason!="x"})',
    );
    expect(Object.fromEntries([...usage.metrics].map(([name, labels]) => [name, [...labels]]))).toEqual({
      a_seconds_bucket: ['provider', 'outcome'],
      'b:recorded:ratio': [],
      c_total: ['reason'],
    });
    expect([...usage.groupingLabels]).toEqual(['provider', 'le', 'instance']);
    expect([...usage.functions]).toEqual(['histogram_quantile', 'rate']);
  });

  it('refuses what it cannot read, so a check never passes by not looking', () => {
    expect(() => promqlUsage('{__name__="x"}')).toThrow(/without a metric name/);
    expect(() => promqlUsage('sum by (provider (x)')).toThrow(/is not a label/);
    expect(() => promqlUsage('x{provider="a"')).toThrow(/unclosed selector/);
  });
});

describe('monitoring files', () => {
  it('the alert rules are valid and their unit tests pass (promtool)', () => {
    expect(promtool('check', 'rules', 'catalog-alerts.yml')).toMatch(/SUCCESS: \d+ rules found/);
    expect(promtool('test', 'rules', 'catalog-alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('every metric and label the rules use is exported by /metrics; alert texts name labels the result has', () => {
    expect(rules.filter((r) => r.kind === 'alert').length).toBeGreaterThanOrEqual(7);
    const used = new Set<string>();
    for (const rule of rules) {
      const usage = checkExpression(rule.expr, `rule ${rule.name}`);
      for (const name of usage.metrics.keys()) used.add(name);
      const available = resultLabels(usage);
      for (const text of rule.annotations) {
        for (const [, label] of text.matchAll(/\$labels\.(\w+)/g)) {
          expect(available, `rule ${rule.name}: its text names $labels.${label}`).toContain(label);
        }
      }
    }
    for (const name of ['cache_hits_total', 'redis_connection_errors_total', 'circuit_breaker_state']) {
      expect(used).toContain(name);
    }
  });

  it("the max-stale threshold's default is the API's MAX_STALE_MS default", () => {
    const recorded = rules.find((r) => r.name === 'catalog:provider_max_stale_seconds');
    expect(recorded?.expr).toMatch(/group by \(provider\) \(cache_entry_age_seconds\) \* (\d+)$/);
    const seconds = Number(/\* (\d+)$/.exec(recorded!.expr)![1]);
    expect(seconds * 1000).toBe(loadConfig({}).MAX_STALE_MS);
  });

  it('every metric and label the Grafana dashboard uses is exported by /metrics, legends included', () => {
    const panels = (list: Dashboard['panels']): Dashboard['panels'] =>
      list.flatMap((p) => [p, ...panels(p.panels ?? [])]);
    const used = new Set<string>();
    for (const panel of panels(dashboard.panels)) {
      for (const target of panel.targets ?? []) {
        const usage = checkExpression(target.expr, `panel "${panel.title}"`);
        for (const name of usage.metrics.keys()) used.add(name);
        const available = resultLabels(usage);
        for (const [, label] of (target.legendFormat ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
          expect(available, `panel "${panel.title}": legend {{${label}}}`).toContain(label);
        }
      }
    }
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const [, metric, label] = /^label_values\((\w+),\s*(\w+)\)$/.exec(variable.query ?? '') ?? [];
      expect(metric, `variable query ${variable.query}`).toBeDefined();
      expect(labelsOf.get(metric!), `variable query ${variable.query}`).toContain(label);
    }
    for (const name of [
      'legacy_cache_calls_total',
      'cache_dual_read_mismatch_total',
      'circuit_breaker_state',
      'catalog_models',
      'cache_entry_age_seconds',
    ]) {
      expect(used).toContain(name);
    }
  });
});
