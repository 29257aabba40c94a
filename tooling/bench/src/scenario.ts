import type { Row } from './table.ts';

export interface ScenarioOptions {
  /** Short mode for CI: checks the scenario runs and reports; figures are not meaningful. */
  readonly smoke: boolean;
}

/** What every scenario file exports: it runs in a fresh process and returns its table rows. */
export interface ScenarioModule {
  run(options: ScenarioOptions): Promise<Row[]>;
}

/**
 * The scenarios in table order, by the number issue 7 gives them (a letter: one part of that
 * scenario in a process of its own). Loaded only inside the child process.
 */
export const SCENARIOS: readonly {
  readonly id: string;
  readonly title: string;
  readonly load: () => Promise<ScenarioModule>;
}[] = [
  {
    id: '1a',
    title: 'kernel read from memory vs Map and peers: 400-model catalog',
    load: () => import('./kernel-read-scenario.ts').then((m) => m.scenarioFor('catalog')),
  },
  {
    id: '1b',
    title: 'kernel read from memory vs Map and peers: 200-byte value',
    load: () => import('./kernel-read-scenario.ts').then((m) => m.scenarioFor('small')),
  },
  {
    id: '2',
    title: 'kernel read from Redis vs GET + parse; revalidation',
    load: () => import('./redis-read-scenario.ts'),
  },
  { id: '3', title: 'stampede across 3 processes', load: () => import('./stampede-scenario.ts') },
  { id: '4', title: 'Redis down', load: () => import('./redis-down-scenario.ts') },
  { id: '5', title: 'catalog endpoint vs bare node:http', load: () => import('./endpoint-scenario.ts') },
  { id: '6', title: 'cold start with 30 providers', load: () => import('./cold-start-scenario.ts') },
  { id: '7', title: 'rebuild after one provider changes', load: () => import('./rebuild-scenario.ts') },
  { id: '8a', title: 'Redis bytes per model', load: () => import('./redis-bytes-scenario.ts') },
  { id: '8b', title: 'API RSS with 20 000 models', load: () => import('./api-memory-scenario.ts') },
  {
    id: '9',
    title: 'old (legacy dict) vs new (kernel) under a simulated fleet',
    load: () => import('./old-vs-new-scenario.ts'),
  },
];

/** Whether `--only <id>` selects `scenarioId`: its exact id, or its number for all of its parts (`1` → 1a, 1b). */
export function selects(id: string, scenarioId: string): boolean {
  return scenarioId === id || scenarioId.replace(/[a-z]+$/, '') === id;
}
