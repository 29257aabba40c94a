import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startRedisServer } from '@catalog/test-kit';
import { startCountingProxy, type ProxyCounts } from './counting-proxy.ts';
import { startMockUpstreamProcess } from './mock-upstream-process.ts';
import { spawnNode, stopProcess } from './processes.ts';
import { addTally, tallyText } from './store-error-tally.ts';
import type { ScenarioOptions } from './scenario.ts';
import { duration, fmt, summarize } from './stats.ts';
import { judged, reported, type Row } from './table.ts';
import { fetchJson, mainRoutePath } from './upstream-route.ts';

const WORKER = path.join(import.meta.dirname, 'stampede-worker.ts');
const PROCESSES = 3;
const READS = 1_000;
const PROVIDER = 'groq';
const UPSTREAM_LATENCY_MS = 200;

interface WorkerResult {
  settledMs: number;
  sources: Record<string, number>;
  errors: number;
  storeErrors: Record<string, number>;
}

function message<T>(child: ChildProcess, test: (m: unknown) => m is T, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${child.pid}: no message within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: unknown) => {
      if (!test(m)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`worker ${child.pid} exited (code ${code})`)));
  });
}

/**
 * Scenario 3: 1000 concurrent cold reads in each of 3 processes sharing one redis-server, the
 * upstream answering after 200 ms. Upstream fetches are counted by the mock upstream, Redis
 * commands per process by a counting proxy in front of each process (all its connections), and
 * each process reports when its 1000 reads have settled. Fresh processes and a fresh key prefix
 * every round.
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const rounds = smoke ? 1 : 5;
  const redis = await startRedisServer();
  const upstream = await startMockUpstreamProcess();
  const url = `${upstream.baseURLFor(PROVIDER)}${mainRoutePath(PROVIDER)}`;
  const fetches: number[] = [];
  const commands: number[] = [];
  const byName: Record<string, number[]> = {};
  const settle: number[] = [];
  const direct: number[] = [];
  let errors = 0;
  const storeErrors: Record<string, number> = {};
  try {
    await upstream.setKnobs(PROVIDER, { latencyMs: UPSTREAM_LATENCY_MS });
    for (let round = 0; round < rounds; round++) {
      const proxies = await Promise.all(Array.from({ length: PROCESSES }, () => startCountingProxy(redis)));
      const workers = proxies.map((proxy) =>
        spawnNode(WORKER, [proxy.url, `s${round}:`, url, String(READS)], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
      try {
        await Promise.all(
          workers.map((w) =>
            message(w, (m): m is { ready: true } => (m as { ready?: boolean })?.ready === true, 20_000),
          ),
        );
        await upstream.reset();
        await upstream.setKnobs(PROVIDER, { latencyMs: UPSTREAM_LATENCY_MS });
        for (const proxy of proxies) proxy.take();
        const results = workers.map((w) =>
          message(w, (m): m is WorkerResult => typeof (m as WorkerResult)?.settledMs === 'number', 60_000),
        );
        for (const w of workers) w.send({ go: true });
        const answers = await Promise.all(results);
        const counts: ProxyCounts[] = proxies.map((p) => p.take());
        fetches.push((await upstream.stats())[PROVIDER]?.requests ?? 0);
        for (const c of counts) {
          commands.push(c.commands);
          for (const [name, n] of Object.entries(c.byName)) (byName[name] ??= []).push(n);
        }
        settle.push(Math.max(...answers.map((a) => a.settledMs)));
        errors += answers.reduce((n, a) => n + a.errors, 0);
        for (const a of answers) addTally(storeErrors, a.storeErrors);
        const t = performance.now();
        await fetchJson(url);
        direct.push(performance.now() - t);
      } finally {
        await Promise.all(workers.map((w) => stopProcess(w)));
        await Promise.all(proxies.map((p) => p.close()));
      }
    }
  } finally {
    await upstream.close();
    await redis.stop();
  }
  const f = summarize(fetches);
  const c = summarize(commands);
  const s = summarize(settle);
  const d = summarize(direct);
  const perProcess = (name: string) =>
    fmt(summarize(byName[name]!.concat(Array(commands.length - byName[name]!.length).fill(0))).median, 0);
  const names = Object.keys(byName)
    .filter((n) => perProcess(n) !== '0')
    .sort((a, b) => Number(perProcess(b)) - Number(perProcess(a)));
  return [
    judged(
      {
        scenario: `3. stampede, ${PROCESSES} processes × ${READS} cold reads: upstream fetches`,
        measured: `${fmt(f.median, 0)} (${fmt(f.min, 0)}–${fmt(f.max, 0)}) per stampede${errors ? `; ${errors} reads FAILED` : ''}`,
        baseline: `one per process without coordination: ${PROCESSES}`,
        ratio: '—',
        target: 'exactly 1',
      },
      fetches.every((n) => n === 1) && errors === 0,
    ),
    reported({
      scenario: '3. stampede: kernel store errors (all processes, all rounds)',
      measured: tallyText(storeErrors),
      baseline: '—',
      ratio: '—',
    }),
    reported({
      scenario: '3. stampede: Redis commands per process',
      measured: `${fmt(c.median, 0)} (${fmt(c.min, 0)}–${fmt(c.max, 0)}): ${names.map((n) => `${n} ${perProcess(n)}`).join(', ')}`,
      baseline: '—',
      ratio: '—',
    }),
    reported({
      scenario: `3. stampede: time until all ${PROCESSES * READS} reads settle`,
      measured: `${duration(s.median)} (${duration(s.min)}–${duration(s.max)})`,
      baseline: `one upstream fetch (${UPSTREAM_LATENCY_MS} ms latency): ${duration(d.median)}`,
      ratio: `${fmt(s.median / d.median, 2)}×`,
    }),
  ];
}
