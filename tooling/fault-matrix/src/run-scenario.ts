import { startMockUpstream, type MockUpstream } from '@catalog/mock-upstream';
import { startRedisServer, startTcpProxy, type RedisServerHandle, type TcpProxyHandle } from '@catalog/test-kit';
import { startApiProcess, type ApiProcess } from './api-process.ts';
import { readCatalogTotal, readHealth, readMetrics, readModelIds, readProviderModels } from './api-reads.ts';
import { healthy, keptModels, servesMarker } from './checks.ts';
import { startLoadLoop, type LoadSample } from './load-loop.ts';
import type { Baseline, Check, ScenarioContext, ScenarioResult, ScenarioSpec, StartApiOptions } from './scenario.ts';
import { percentile } from './stats.ts';
import { StoreReader } from './store-reader.ts';

/** The providers every scenario's API serves (single-page lists, keyed and keyless). */
export const PROVIDERS = ['groq', 'openai', 'together', 'deepinfra'] as const;
export const DEFAULT_TARGET = 'groq';

/** A catalog GET slower than this counts as hanging. */
export const ANSWER_BOUND_MS = 2_000;
/** The load loop abandons a request after this (and counts it as hung). */
const ABANDON_AFTER_MS = 5_000;
const LOAD_PATHS = ['/v1/models', '/catalog/models?limit=20', '/catalog/models?q=llama&limit=5'];
const LOAD_CONCURRENCY = 4;
const POLL_MS = 100;

/**
 * The suite's configuration: short TTLs so refreshes run every second, a 1 s upstream deadline
 * (1.5 s per attempt), one retry and a breaker that opens after 3 failures and half-opens after
 * 1 s (production defaults are minutes; the behaviour is the same, only faster).
 */
export function suiteEnv(
  providers: readonly string[],
  policies: Record<string, Record<string, unknown>> = {},
): Record<string, string> {
  const policy = { timeoutMs: 1_500, retry: { maxAttempts: 1 }, breaker: { threshold: 3, halfOpenAfterMs: 1_000 } };
  return {
    FRESH_TTL_MS: '1000',
    STALE_TTL_MS: '60000',
    UPSTREAM_TIMEOUT_MS: '1000',
    PROVIDER_POLICIES: JSON.stringify(Object.fromEntries(providers.map((p) => [p, { ...policy, ...policies[p] }]))),
  };
}

export class ScenarioFailure extends Error {
  readonly problems: readonly string[];
  constructor(scenario: string, problems: readonly string[]) {
    super(`${scenario}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioFailure';
    this.problems = problems;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls the checks until they hold: each at least once (`eventually`), or all in the same round
 * (`together`). Resolves with the time it took; throws what was last seen of the others.
 */
export async function waitForChecks(
  ctx: ScenarioContext,
  checks: readonly Check[],
  mode: 'eventually' | 'together',
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  const seen = new Set<Check>();
  let last = new Map<Check, string>();
  for (;;) {
    const round = new Map<Check, string>();
    for (const check of checks) {
      if (mode === 'eventually' && seen.has(check)) continue;
      const problem = await check.test(ctx).catch((error: unknown) => `could not check: ${(error as Error).message}`);
      if (problem === undefined) seen.add(check);
      else round.set(check, problem);
    }
    if (round.size === 0) return Date.now() - started;
    last = round;
    if (Date.now() - started > timeoutMs) {
      throw new ScenarioFailure(
        ctx.spec.name,
        [...last].map(([check, problem]) => `not within ${timeoutMs} ms: ${check.what} (saw: ${problem})`),
      );
    }
    await sleep(POLL_MS);
  }
}

/** The longest latency of the samples (0 for none); a loop: a soak has too many for a spread. */
function slowest(samples: readonly LoadSample[]): number {
  let max = 0;
  for (const s of samples) if (s.ms > max) max = s.ms;
  return max;
}

/**
 * A window in which the API may refuse or drop requests: those sent inside it, and with
 * `dropsInFlight` (a crash) also those in flight when it began, are not judged.
 */
export interface Outage {
  readonly from: number;
  to: number;
  readonly dropsInFlight: boolean;
}

/** What the load loop's samples say, judged outside the outage windows. */
export function judgeLoad(
  samples: readonly LoadSample[],
  outages: readonly Outage[],
): { problems: string[]; figures: Record<string, number> } {
  const inOutage = (s: LoadSample) =>
    outages.some((o) =>
      o.dropsInFlight
        ? s.startedAt <= o.to && s.startedAt + s.ms >= o.from
        : s.startedAt >= o.from && s.startedAt <= o.to,
    );
  const judged = samples.filter((s) => !inOutage(s));
  const problems: string[] = [];
  const failed = judged.filter((s) => s.status !== 200);
  if (failed.length > 0) {
    const kinds = new Map<string, number>();
    for (const s of failed)
      kinds.set(s.error ?? `status ${s.status}`, (kinds.get(s.error ?? `status ${s.status}`) ?? 0) + 1);
    problems.push(
      `${failed.length} of ${judged.length} catalog GETs not answered 200: ${[...kinds].map(([k, n]) => `${n}× ${k}`).join(', ')}`,
    );
  }
  const slow = judged.filter((s) => s.ms > ANSWER_BOUND_MS);
  if (slow.length > 0)
    problems.push(`${slow.length} catalog GETs took over ${ANSWER_BOUND_MS} ms (max ${Math.round(slowest(slow))} ms)`);
  const lost = judged.filter((s) => s.lost);
  if (lost.length > 0)
    problems.push(`${lost.length} answers lost data seen before the fault, e.g. ${lost[0]!.path}: ${lost[0]!.lost}`);
  if (judged.length === 0) problems.push('the load loop sent no request outside the outage windows');
  const latencies = judged.map((s) => s.ms);
  return {
    problems,
    figures: {
      requests: judged.length,
      p99Ms: Math.round(percentile(latencies, 99) ?? 0),
      maxMs: Math.round(slowest(judged)),
      ...(outages.length > 0 ? { requestsInOutage: samples.length - judged.length } : {}),
    },
  };
}

/** The generic assertions every scenario makes, in words (the table lists them with the scenario's own). */
export const GENERIC_ASSERTIONS = [
  `every catalog GET under load answered 200 within ${ANSWER_BOUND_MS / 1000} s (no 5xx, none hung)`,
  'every answer still held the models and count seen before the fault',
  'no provider key in the API output',
] as const;

async function takeBaseline(api: ApiProcess, providers: readonly string[]): Promise<Baseline> {
  const models = new Map<string, string[]>();
  for (const provider of providers)
    models.set(
      provider,
      (await readProviderModels(api.url, provider)).map((m) => m.id),
    );
  const totals = new Map<string, number>();
  for (const path of LOAD_PATHS)
    if (path.startsWith('/catalog/models')) totals.set(path, await readCatalogTotal(api.url, path));
  return {
    ids: new Set(await readModelIds(api.url)),
    totals,
    models,
    health: await readHealth(api.url),
    metrics: await readMetrics(api.url),
  };
}

/**
 * Runs one scenario: the real API (its own process) against the mock upstream (and a redis-server
 * of its own when asked), under a load loop of catalog GETs; injects the fault; waits until the
 * metrics and health show it; checks the last good data is still served; ends the fault and waits
 * for recovery; then judges every request of the load loop. `report` receives the results row
 * (before the verdict, so a failed scenario still has its figures).
 */
export async function runScenario(
  spec: ScenarioSpec,
  report: (result: ScenarioResult) => void | Promise<void>,
): Promise<void> {
  const target = spec.target ?? DEFAULT_TARGET;
  const providers: readonly string[] =
    PROVIDERS.includes(target as never) || target === '*' ? PROVIDERS : [...PROVIDERS, target];
  const waitMs = spec.waitMs ?? 15_000;
  const cleanups: (() => Promise<unknown>)[] = [];
  const outages: Outage[] = [];
  const figures: Record<string, string | number> = {};
  let upstream: MockUpstream | undefined;
  let redis: RedisServerHandle | undefined;
  let proxy: TcpProxyHandle | undefined;
  let store: StoreReader | undefined;
  const apis: ApiProcess[] = [];
  const problems: string[] = [];
  const asserted: string[] = [
    ...GENERIC_ASSERTIONS,
    keptModels.what,
    ...spec.shows.map((c) => c.what),
    ...(spec.during ?? []).map((c) => c.what),
    ...(spec.recovered ?? [healthy(), servesMarker]).map((c) => c.what),
  ];
  let load: ReturnType<typeof startLoadLoop> | undefined;
  try {
    upstream = await startMockUpstream({
      knobs: { '*': { latencyMs: [2, 20] }, ...(spec.knobs ? { [target]: spec.knobs } : {}) },
    });
    const upstreamNow = upstream;
    cleanups.push(() => upstreamNow.close());
    if (spec.redis) {
      const server = await startRedisServer({ args: spec.redis.args ?? [] });
      redis = server;
      cleanups.push(() => server.stop());
      if (spec.redis.startStopped) await server.kill();
    }
    if (spec.viaProxy) {
      const tcp = await startTcpProxy({ host: '127.0.0.1', port: upstream.port });
      proxy = tcp;
      cleanups.push(() => tcp.close());
    }
    const upstreamUrl = proxy ? `http://127.0.0.1:${proxy.port}` : upstream.url;
    const startApi = async (options: StartApiOptions = {}) => {
      const api = await startApiProcess({
        upstreamUrl,
        providers,
        ...(redis ? { redisUrl: redis.url } : {}),
        ...(options.port ? { port: options.port } : {}),
        env: { ...suiteEnv(providers, spec.policies), ...spec.env, ...options.env },
      });
      apis.push(api);
      if (options.wait === 'listening') await api.waitListening();
      else await api.waitReady();
      return api;
    };
    const first = await startApi();
    const ctx: ScenarioContext = {
      spec,
      providers,
      target,
      upstream,
      redis,
      proxy,
      api: first,
      startApi,
      store() {
        if (!redis) throw new Error(`${spec.name}: store() needs a scenario with redis`);
        store ??= new StoreReader(redis.url);
        return store;
      },
      baseline: await takeBaseline(first, providers),
      marker: `fault-matrix/recovered-${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      faultAt: 0,
      recoverAt: 0,
      async outage(step, options = {}) {
        const window: Outage = {
          from: Date.now(),
          to: Number.POSITIVE_INFINITY,
          dropsInFlight: options.dropsInFlight ?? false,
        };
        outages.push(window);
        try {
          return await step();
        } finally {
          window.to = Date.now();
        }
      },
      load: { pause: () => load?.pause(), resume: () => load?.resume() },
      figures,
    };
    const mutable = ctx as { -readonly [K in keyof ScenarioContext]: ScenarioContext[K] };
    load = startLoadLoop({
      target: () => ctx.api.url,
      paths: LOAD_PATHS,
      concurrency: LOAD_CONCURRENCY,
      abandonAfterMs: ABANDON_AFTER_MS,
      expect: ctx.baseline,
    });
    await sleep(500); // steady state under load before the fault

    mutable.faultAt = Date.now();
    await spec.inject(ctx);
    figures.detectMs = await waitForChecks(ctx, [...spec.shows, keptModels], 'eventually', waitMs);
    if (spec.holdMs) await sleep(spec.holdMs);
    if (spec.during) await waitForChecks(ctx, spec.during, 'together', 0);

    mutable.recoverAt = Date.now();
    if (spec.recover) await spec.recover(ctx);
    else upstream.setKnobs(target === '*' ? DEFAULT_TARGET : target, { ...spec.knobs, extraModelIds: [ctx.marker] });
    figures.recoverMs = await waitForChecks(ctx, spec.recovered ?? [healthy(), servesMarker], 'together', waitMs);
    await sleep(300); // a few more requests after recovery

    const judged = judgeLoad(await load.stop(), outages);
    load = undefined;
    Object.assign(figures, judged.figures);
    problems.push(...judged.problems);
    for (const api of apis) {
      const output = api.process.output();
      const leaked = api.secrets.filter((secret) => output.includes(secret));
      if (leaked.length > 0) problems.push(`the API output shows ${leaked.length} provider key(s)`);
    }
    if (!ctx.api.running) problems.push('the API process is not running at the end');
  } catch (error) {
    if (error instanceof ScenarioFailure) problems.push(...error.problems);
    else problems.push((error as Error).stack ?? String(error));
  } finally {
    await load?.stop();
    for (const api of apis) await api.kill();
    await store?.close();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  await report({ name: spec.name, group: spec.group, fault: spec.fault, asserted, figures });
  if (problems.length > 0) throw new ScenarioFailure(spec.name, problems);
}
