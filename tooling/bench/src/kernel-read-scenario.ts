import { CacheKernel } from '@catalog/cache-kernel';
import { z } from 'zod';
import { PEER_CONFIGS, type PeerCache } from './peer-caches.ts';
import type { ScenarioModule, ScenarioOptions } from './scenario.ts';
import { fmt, pairedRatio, percentile, summarize, type Summary } from './stats.ts';
import { benchValues } from './synthetic-values.ts';
import { judged, reported, type Row } from './table.ts';

interface Subject {
  readonly name: string;
  readonly read: () => Promise<unknown>;
  /** Mean ns per read, one entry per round (tight loop). */
  readonly nsPerOp: number[];
  /** p50 and p99 of single reads (each timed on its own, timer included), one entry per round. */
  readonly p50: number[];
  readonly p99: number[];
  copies?: boolean;
}

/** Runs `read` in batches until `budgetMs` has passed; mean ns per read. */
async function throughput(read: () => Promise<unknown>, budgetMs: number): Promise<number> {
  let batch = 16;
  // Calibrate: a batch long enough (~2 ms) that the clock's cost does not matter.
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await read();
    if (Number(process.hrtime.bigint() - t) > 2e6 || batch >= 1 << 22) break;
    batch *= 2;
  }
  let ops = 0;
  let elapsed = 0;
  const deadline = budgetMs * 1e6;
  while (elapsed < deadline) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await read();
    elapsed += Number(process.hrtime.bigint() - t);
    ops += batch;
  }
  return elapsed / ops;
}

/** Times single reads for `budgetMs` (at most 20 000); p50 and p99 in ns. */
async function latencies(read: () => Promise<unknown>, budgetMs: number): Promise<{ p50: number; p99: number }> {
  const samples = new Float64Array(20_000);
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(Math.round(budgetMs * 1e6));
  while (n < samples.length) {
    const t = process.hrtime.bigint();
    await read();
    const done = process.hrtime.bigint();
    samples[n++] = Number(done - t);
    if (done > end && n >= 100) break;
  }
  const taken = samples.subarray(0, n);
  return { p50: percentile(taken, 50), p99: percentile(taken, 99) };
}

/** Deeply frozen: the value and everything reachable from it. */
function deeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/**
 * Scenario 1 for one of benchValues() (`short`: catalog or small), in a process of its own: a
 * kernel read of the value held in memory against `await map.get(key)` in the same process, and
 * against bentocache, cacheable and cache-manager (as their READMEs set them up, and with their
 * copy/serialize options off). Every round measures every subject, in an order that rotates per
 * round, so machine noise hits all. One value per process: measured in one process, whichever
 * value ran second read ~15% slower through its kernel (the JIT's feedback from the first kernel
 * and value), while a process serves one kernel.
 */
export function scenarioFor(short: string): ScenarioModule {
  return { run: (options) => run(short, options) };
}

async function run(only: string, { smoke }: ScenarioOptions): Promise<Row[]> {
  const rounds = smoke ? 3 : 7;
  const budgetMs = smoke ? 15 : 150;
  const latencyBudgetMs = smoke ? 5 : 40;
  const rows: Row[] = [];
  const bench = benchValues().find((v) => v.short === only);
  if (bench === undefined) throw new Error(`scenario 1: no bench value "${only}"`);
  const { name: valueName, short, value } = bench;

  const kernel = new CacheKernel();
  kernel.register('k', {
    schema: z.unknown(),
    fetch: async () => value,
    policy: { guard: { rejectEmpty: false, maxShrinkRatio: 1 } },
  });
  await kernel.get('k');
  const map = new Map([['k', value]]);
  const peers: { name: string; cache: PeerCache }[] = [];
  for (const config of PEER_CONFIGS) {
    const cache = config.create();
    await cache.set('k', value);
    peers.push({ name: config.name, cache });
  }
  const subject = (name: string, read: () => Promise<unknown>): Subject => ({
    name,
    read,
    nsPerOp: [],
    p50: [],
    p99: [],
  });
  const subjects: Subject[] = [
    subject('await map.get', async () => map.get('k')),
    subject('kernel', async () => (await kernel.get('k')).value),
    ...peers.map((p) => subject(p.name, () => p.cache.get('k'))),
  ];
  for (const s of subjects) {
    const first = await s.read();
    const second = await s.read();
    if (JSON.stringify(first) !== JSON.stringify(value)) throw new Error(`${s.name} returned another value`);
    s.copies = first !== value || second !== first;
  }

  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const s = subjects[(i + round) % subjects.length]!;
      s.nsPerOp.push(await throughput(s.read, budgetMs));
      const { p50, p99 } = await latencies(s.read, latencyBudgetMs);
      s.p50.push(p50);
      s.p99.push(p99);
    }
  }

  const [mapSubject, kernelSubject, ...peerSubjects] = subjects as [Subject, Subject, ...Subject[]];
  const mapNs = summarize(mapSubject.nsPerOp);
  const cell = (s: Subject) => {
    const ns = summarize(s.nsPerOp);
    const opsPerSecond = summarize(s.nsPerOp.map((v) => 1e9 / v));
    return `${nsText(ns)}/op, ${opsText(opsPerSecond.median)} ops/s, p50/p99 ${nsValue(summarize(s.p50).median)}/${nsValue(summarize(s.p99).median)}${s.copies ? ', copies' : ''}`;
  };
  const baseline = `await map.get: ${nsText(mapNs)}/op, p50/p99 ${nsValue(summarize(mapSubject.p50).median)}/${nsValue(summarize(mapSubject.p99).median)}`;
  const kernelRatio = pairedRatio(kernelSubject.nsPerOp, mapSubject.nsPerOp);
  rows.push(
    judged(
      {
        scenario: `1. kernel read, memory, ${valueName}`,
        measured: cell(kernelSubject),
        baseline,
        ratio: `${fmt(kernelRatio.median, 2)}× (${fmt(kernelRatio.min, 2)}–${fmt(kernelRatio.max, 2)})`,
        target: '≤ 2×, no copy',
      },
      kernelRatio.median <= 2 && !kernelSubject.copies,
    ),
  );
  for (const peer of peerSubjects) {
    const ratio = pairedRatio(peer.nsPerOp, mapSubject.nsPerOp);
    rows.push(
      reported({
        scenario: `1. ${peer.name}, ${short}`,
        measured: cell(peer),
        baseline: `await map.get: ${nsText(mapNs)}/op`,
        ratio: `${fmt(ratio.median, 1)}×`,
      }),
    );
  }

  if (short === 'catalog') {
    const read = (await kernel.get<Record<string, unknown>[]>('k')).value;
    const again = (await kernel.get<Record<string, unknown>[]>('k')).value;
    const same = read === value && again === read;
    const frozen = deeplyFrozen(read);
    const refused = !Reflect.set(read[0]!, 'name', 'changed') && read[0]!.name !== 'changed';
    const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
    rows.push(
      judged(
        {
          scenario: '1. kernel read hands out the stored object (400-model catalog)',
          measured: `same object on every read: ${yes(same)}; deeply frozen: ${yes(frozen)}; writes refused: ${yes(refused)}`,
          baseline: '—',
          ratio: '—',
          target: 'same object, frozen',
        },
        same && frozen && refused,
      ),
    );
  }
  await kernel.close();
  for (const p of peers) await p.cache.close();
  return rows;
}

function opsText(perSecond: number): string {
  if (perSecond >= 1e6) return `${fmt(perSecond / 1e6, 2)} M`;
  if (perSecond >= 1e3) return `${fmt(perSecond / 1e3, 1)} k`;
  return fmt(perSecond, 0);
}

function nsValue(ns: number): string {
  return ns >= 1e6 ? `${fmt(ns / 1e6, 2)} ms` : ns >= 1e4 ? `${fmt(ns / 1e3, 1)} µs` : `${fmt(ns, 0)} ns`;
}

function nsText(s: Summary): string {
  return `${nsValue(s.median)} (${nsValue(s.min)}–${nsValue(s.max)})`;
}
