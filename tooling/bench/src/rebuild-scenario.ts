import { setTimeout as sleep } from 'node:timers/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { createInProcessApp } from './app-source.ts';
import { startMockUpstreamProcess } from './mock-upstream-process.ts';
import type { ScenarioOptions } from './scenario.ts';
import { duration, durationSpread, fmt, summarize } from './stats.ts';
import { judged, reported, type Row } from './table.ts';

const sinceMs = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
/** How often the br body of a new version is asked for until it is served. */
const BR_POLL_MS = 1;
/** What browsers and HTTP clients send. */
const BROWSER = 'gzip, deflate, br';

/**
 * Scenario 7: the API (its real composition, in this fresh process, memory mode) serving ~20 000
 * models from 30 providers on the mock upstream (lists inflated). Each round one provider's list
 * changes (1% more of its models gone each round, so
 * every round is a version never served before) and the kernel refreshes it; then, timed: the merged
 * catalog (catalog.view(): merge, version, view) and the first /v1/models request of a client
 * accepting br and gzip, then of a gzip-only client (the version's JSON and gzip bytes are built on
 * first use; each must be the new version, compressed). The same two requests again, for the
 * unchanged version (their median over the rounds), are the request cost subtracted from the
 * first ones. Also timed: from the change until the new version is served in br (compressed off
 * the request path).
 */
export async function run({ smoke }: ScenarioOptions): Promise<Row[]> {
  const rounds = smoke ? 3 : 15;
  const wanted = smoke ? 2_000 : 20_000;
  const upstream = await startMockUpstreamProcess();
  const app = await createInProcessApp({ UPSTREAM_BASE_URL: upstream.url, LOG_LEVEL: 'silent' });
  const agent = new Agent({ connections: 1 });
  try {
    await app.catalog.start();
    const base = app.catalog.health().reduce((n, h) => n + h.modelCount, 0);
    const inflate = Math.max(1, Math.min(1000, Math.round(wanted / base)));
    await upstream.setKnobs('*', { inflate });
    await app.catalog.warm();
    const health = app.catalog.health();
    const models = health.reduce((n, h) => n + h.modelCount, 0);
    const changed = [...health].sort((a, b) => b.modelCount - a.modelCount)[0]!.provider;
    const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const get = async (encoding: string) => {
      const response = await request(`${address}/v1/models`, {
        dispatcher: agent,
        headers: { 'accept-encoding': encoding },
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      if (response.statusCode !== 200) throw new Error(`/v1/models answered ${response.statusCode}`);
      return {
        etag: String(response.headers.etag),
        encoding: String(response.headers['content-encoding'] ?? 'identity'),
        body,
      };
    };
    /** A current compressed body of `version` (br or gzip as the API chose), or an error. */
    const current = async (encoding: string, version: string) => {
      const answer = await get(encoding);
      if (!answer.etag.includes(version)) throw new Error('/v1/models did not serve the new version');
      if (answer.encoding !== 'br' && answer.encoding !== 'gzip') {
        throw new Error(`/v1/models answered "${encoding}" uncompressed`);
      }
      return answer;
    };
    await get(BROWSER);
    await get('gzip');

    const merge: number[] = [];
    const firstBrowser: number[] = [];
    const firstGzip: number[] = [];
    const brReady: number[] = [];
    const warm: number[] = [];
    const total: number[] = [];
    let merged = 0;
    for (let round = 0; round < rounds; round++) {
      // A list never served before (so no body of its version is cached): 1%, 2%, … of it gone.
      await upstream.setKnobs(changed, { inflate, keepRatio: 0.99 - 0.01 * round });
      const before = (await app.catalog.view()).version;
      await app.kernel.refresh(changed, { force: true });

      const t = process.hrtime.bigint();
      const view = await app.catalog.view();
      const tMerge = sinceMs(t);
      if (view.version === before) throw new Error(`the catalog version did not change after ${changed} changed`);
      merged = view.models.length;
      let tr = process.hrtime.bigint();
      await current(BROWSER, view.version);
      const tBrowser = sinceMs(tr);
      tr = process.hrtime.bigint();
      await current('gzip', view.version);
      const tGzip = sinceMs(tr);
      // Brotli is compressed off the request path: the version's br body, from the change on.
      // Polled once a millisecond: back-to-back requests would each leave a ~200 KB body for this
      // process's collector, whose marking would then land in the next rounds' timed requests.
      while ((await current(BROWSER, view.version)).encoding !== 'br') await sleep(BR_POLL_MS);
      brReady.push(sinceMs(t));

      tr = process.hrtime.bigint();
      await current(BROWSER, view.version);
      await current('gzip', view.version);
      const tWarm = sinceMs(tr);
      merge.push(tMerge);
      firstBrowser.push(tBrowser);
      firstGzip.push(tGzip);
      warm.push(tWarm);
      total.push(tMerge + tBrowser + tGzip);
    }
    // The request cost subtracted is the median of the unchanged-version pairs: a collector pause
    // in one round's pair would otherwise take a whole pause off that round (or make it negative).
    const requestCost = summarize(warm).median;
    for (let i = 0; i < total.length; i++) total[i]! -= requestCost;

    // Where the time goes: the JSON and its two compressions, on the served body, as the API makes them.
    const identity = (await get('identity')).body;
    const json: number[] = [];
    const gzip: number[] = [];
    const brotli: number[] = [];
    const value = JSON.parse(identity.toString('utf8')) as unknown;
    for (let i = 0; i < (smoke ? 2 : 7); i++) {
      let t = process.hrtime.bigint();
      const text = Buffer.from(JSON.stringify(value));
      json.push(sinceMs(t));
      t = process.hrtime.bigint();
      gzipSync(text, { level: 6 });
      gzip.push(sinceMs(t));
      t = process.hrtime.bigint();
      brotliCompressSync(text, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: text.length },
      });
      brotli.push(sinceMs(t));
    }
    const m = (v: number[]) => duration(summarize(v).median);
    const rebuild = summarize(total);
    return [
      judged(
        {
          scenario: `7. rebuild after one provider's list changes (${changed}), ${models} models from ${health.length} providers (${merged} merged)`,
          measured: `${durationSpread(rebuild)}: merge ${m(merge)}, first request accepting br and gzip ${m(firstBrowser)}, first gzip-only request ${m(firstGzip)}`,
          baseline: `the same two requests, version unchanged (median, subtracted): ${m(warm)}`,
          ratio: `${fmt(rebuild.median / 5, 1)}× the target`,
          target: '≤ 5 ms',
        },
        rebuild.median <= 5,
      ),
      reported({
        scenario: '7. rebuild: until the new version is served in br (compressed off the request path)',
        measured: `${durationSpread(summarize(brReady))} from the change (merge included)`,
        baseline: `brotli q5 of the whole body: ${m(brotli)}`,
        ratio: '—',
      }),
      reported({
        scenario: '7. where the rebuild time goes (the served /v1/models body)',
        measured: `JSON.stringify ${m(json)}, gzip level 6 ${m(gzip)}, brotli q5 ${m(brotli)} for ${fmt(identity.length / 1024, 0)} KiB of JSON`,
        baseline: '—',
        ratio: '—',
      }),
    ];
  } finally {
    await agent.close();
    await app.close();
    await upstream.close();
  }
}
