import { connect } from 'node:net';
import { ModelList } from '../api-reads.ts';
import { figureIs, healthy, servesMarker, storeHealed } from '../checks.ts';
import type { ScenarioContext, ScenarioSpec } from '../scenario.ts';
import { lockKey } from './redis-keys.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 10 ms for at most `timeoutMs`; throws `what` on timeout. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Whether a new TCP connection to the port is refused now. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** The baseline ids a /v1/models body lacks (-1 when it is not a model list). */
function missingIds(ctx: ScenarioContext, text: string): number {
  const list = ModelList.safeParse(JSON.parse(text));
  if (!list.success) return -1;
  const served = new Set(list.data.data.map((m) => m.id));
  return [...ctx.baseline.ids].filter((id) => !served.has(id)).length;
}

/**
 * From the API's log (Fastify's "incoming request" / "request completed" lines): how many
 * requests it received before its "shutting down" line, and how many of those were not answered 200.
 */
function receivedBeforeSigterm(output: string): { count: number; not200: number } {
  const received = new Set<string>();
  const status = new Map<string, number>();
  let stopping = false;
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { msg?: unknown; reqId?: unknown; res?: { statusCode?: unknown } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.msg === 'shutting down: draining requests') stopping = true;
    if (typeof entry.reqId !== 'string') continue;
    if (entry.msg === 'incoming request' && !stopping) received.add(entry.reqId);
    if (entry.msg === 'request completed' && typeof entry.res?.statusCode === 'number')
      status.set(entry.reqId, entry.res.statusCode);
  }
  return { count: received.size, not200: [...received].filter((id) => status.get(id) !== 200).length };
}

/** The upstream requests of `provider` so far. */
const upstreamCalls = (ctx: ScenarioContext, provider: string) => ctx.upstream.stats()[provider]?.requests ?? 0;

/**
 * A cold instance takes the load; its /v1/models waits for groq's first fetch (slowed to 0.7 s).
 * SIGTERM lands while that request is in flight: the request must complete with the full list,
 * new connections be refused, and the process exit 0 after draining. Then a new instance takes
 * the port and the load.
 */
async function sigtermWithRequestInFlight(ctx: ScenarioContext): Promise<void> {
  ctx.upstream.setKnobs('groq', { latencyMs: 700 }); // within the 1 s upstream deadline
  const before = upstreamCalls(ctx, 'groq');
  const cold = await ctx.startApi({ wait: 'listening', env: { LOG_LEVEL: 'info' } });
  ctx.api = cold;
  let settled = false;
  // A URL of its own (limit above the catalog's size: the whole list), to find it in the log.
  const path = '/v1/models?limit=10000';
  const inFlight = fetch(`${cold.url}${path}`).then(async (response) => {
    settled = true;
    return { status: response.status, text: await response.text() };
  });
  await until(() => upstreamCalls(ctx, 'groq') > before, 5_000, "the cold instance did not call groq's upstream");
  // Fastify logs each request as it starts handling it: from then on it is in flight.
  await until(
    () => cold.process.output().includes(`"url":"${path}"`),
    5_000,
    'the request was not received by the API',
  );
  // Let what the load loop sent arrive: those requests are in flight too (waiting for groq).
  ctx.load.pause();
  await sleep(100);
  await ctx.outage(async () => {
    ctx.figures.settledBeforeSigterm = settled ? 'yes' : 'no';
    cold.process.child.kill('SIGTERM');
    ctx.load.resume();
    await until(() => refused(cold.port), 1_000, 'new connections were not refused after SIGTERM');
    ctx.figures.refusedWhileDraining = settled ? 'too late to tell' : 'yes';
    const answer = await inFlight;
    ctx.figures.inFlightStatus = answer.status;
    ctx.figures.inFlightMissingIds = answer.status === 200 ? missingIds(ctx, answer.text) : -1;
    ctx.figures.exitCode = (await cold.process.exited) ?? 'signal';
    const output = cold.process.output();
    ctx.figures.drained =
      output.includes('shutting down: draining requests') &&
      output.includes('"msg":"stopped"') &&
      !output.includes('drain took too long')
        ? 'yes'
        : 'no';
    const received = receivedBeforeSigterm(output);
    ctx.figures.receivedBeforeSigterm = received.count;
    ctx.figures.receivedBeforeSigtermNot200 = received.not200;
    ctx.upstream.setKnobs('groq', {});
    ctx.api = await ctx.startApi({ port: cold.port });
  });
}

/**
 * A refresh of groq is under way (its lock held in Redis, the body trickling in) when the API is
 * SIGKILLed. The store must hold only whole entries (each decodes, validates and matches its
 * version), the dead holder's lock must expire, and a new instance on the same port must serve
 * the last good catalog from Redis, then refresh groq once the lock is gone.
 */
async function sigkillMidRefresh(ctx: ScenarioContext): Promise<void> {
  const redis = ctx.redis!;
  const lock = lockKey('groq');
  const victim = ctx.api;
  // ~2.3 kB at 3 kB/s: most of a second in flight, within the 1 s deadline.
  ctx.upstream.setKnobs('groq', { trickleBytesPerSec: 3_000 });
  const before = upstreamCalls(ctx, 'groq');
  await until(
    () => upstreamCalls(ctx, 'groq') > before && redis.cli('EXISTS', lock) === '1',
    5_000,
    'no groq refresh holding the lock',
  );
  await sleep(300); // part of the body received
  await ctx.outage(
    async () => {
      await victim.kill();
      ctx.figures.lockTtlMsAfterKill = Number(redis.cli('PTTL', lock));
      const entries = await Promise.all(ctx.providers.map((p) => ctx.store().entry(p)));
      ctx.figures.brokenEntriesAfterKill = entries.filter((e) => e.kind !== 'valid').length;
      ctx.upstream.setKnobs('groq', {});
      ctx.api = await ctx.startApi({ port: victim.port });
    },
    { dropsInFlight: true },
  );
}

export const PROCESS_SCENARIOS: readonly ScenarioSpec[] = [
  {
    name: 'SIGTERM under load',
    group: 'process',
    fault:
      "SIGTERM while a /v1/models and the load loop's requests are in flight (waiting for a cold provider's first fetch)",
    inject: sigtermWithRequestInFlight,
    shows: [
      figureIs('settledBeforeSigterm', 'no', 'the request was still in flight when SIGTERM landed'),
      figureIs('refusedWhileDraining', 'yes', 'new connections refused while it drained'),
      figureIs('inFlightStatus', 200, 'the in-flight request completed with 200'),
      figureIs('inFlightMissingIds', 0, 'with every model seen before'),
      figureIs('receivedBeforeSigtermNot200', 0, 'the log: every request received before SIGTERM was answered 200'),
      figureIs('exitCode', 0, 'the process exited 0 after draining (no forced exit)'),
      figureIs('drained', 'yes', 'its log says it drained and stopped'),
    ],
    recovered: [healthy(), servesMarker],
  },
  {
    name: 'crash mid-refresh',
    group: 'process',
    fault:
      'SIGKILL while a refresh of groq holds its Redis lock and its body is half received; restart on the same port',
    redis: {},
    // No retry: the lock lasts one attempt (1.5 s) + 2 s, so the restarted instance can refresh soon.
    policies: { groq: { retry: { maxAttempts: 0 } } },
    inject: sigkillMidRefresh,
    shows: [
      figureIs('brokenEntriesAfterKill', 0, 'every entry in Redis whole and valid right after the kill'),
      {
        what: "the dead holder's lock has an expiry",
        async test(ctx) {
          const ttl = Number(ctx.figures.lockTtlMsAfterKill);
          return ttl > 0 ? undefined : `PTTL ${ttl}`;
        },
      },
    ],
    recovered: [healthy(), servesMarker, storeHealed(['groq'])],
    waitMs: 20_000,
  },
];
