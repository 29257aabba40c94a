import { HOSTILE_DESCRIPTION, HOSTILE_ID, type Knobs } from '@catalog/mock-upstream';
import { readProviderModels, statusOf } from '../api-reads.ts';
import {
  breakerOpen,
  fetchErrors,
  healthy,
  modelCountUnchanged,
  rejectedRefreshes,
  servesMarker,
  skippedMore,
  staleWithError,
  zeroModelsFlagged,
} from '../checks.ts';
import type { Check, ScenarioSpec } from '../scenario.ts';

/** A fault that is one set of upstream knobs on the target, shown by a fetch-error reason. */
function failingUpstream(name: string, fault: string, knobs: Knobs, reason: string, extra: Check[] = []): ScenarioSpec {
  return {
    name,
    group: 'upstream',
    fault,
    inject: async (ctx) => ctx.upstream.setKnobs(ctx.target, knobs),
    shows: [fetchErrors(reason), staleWithError(), breakerOpen(), ...extra],
  };
}

/** A fault that is a list the provider accepts in part: the skipped entries are counted, the rest served. */
function partlyValidList(
  name: string,
  fault: string,
  knobs: Knobs,
  skipped: number,
  extra: Check[] = [],
): ScenarioSpec {
  return {
    name,
    group: 'upstream',
    fault,
    inject: async (ctx) => ctx.upstream.setKnobs(ctx.target, knobs),
    shows: [skippedMore(skipped), ...extra],
  };
}

/** Upstream calls of the target in the fault window, at most one per Retry-After. */
function retryAfterHonoured(retryAfterSec: number): Check {
  return {
    what: `the upstream is called at most once per Retry-After (${retryAfterSec} s) while it answers 429`,
    async test(ctx) {
      const calls = ctx.upstream.stats()[ctx.target]?.requests ?? 0;
      const seconds = (Date.now() - ctx.faultAt) / 1000;
      ctx.figures.upstreamCalls = calls;
      // One call per Retry-After, plus the first and one in flight; refreshes every ~150 ms otherwise.
      const bound = Math.ceil(seconds / retryAfterSec) + 2;
      return calls <= bound ? undefined : `${calls} calls in ${seconds.toFixed(1)} s (bound ${bound})`;
    },
  };
}

/** The hostile entry is served with its strings exactly as the upstream sent them, and found by its id. */
const hostileRoundTrip: Check = {
  what: 'the hostile-id model is served with its description unchanged and found by its percent-encoded id',
  async test(ctx) {
    const served = (await readProviderModels(ctx.api.url, ctx.target)).find((m) => m.id === HOSTILE_ID);
    if (!served) return 'the hostile-id model is not served';
    if (served.description !== HOSTILE_DESCRIPTION) return 'its description differs from what the upstream sent';
    const status = await statusOf(ctx.api.url, `/catalog/models/${encodeURIComponent(HOSTILE_ID)}`);
    return status === 200 ? undefined : `/catalog/models/<hostile id> answered ${status}`;
  },
};

/** No id is served twice. */
const idsUnique: Check = {
  what: 'every id served once',
  async test(ctx) {
    const ids = (await readProviderModels(ctx.api.url, ctx.target)).map((m) => m.id);
    return new Set(ids).size === ids.length ? undefined : `${ids.length - new Set(ids).size} repeated ids served`;
  },
};

/** The API's log says the key was rejected (the generic check makes sure the key itself never shows). */
const unauthorizedLogged: Check = {
  what: 'log: "answered 401. Check the API key"',
  async test(ctx) {
    return /answered 401\. Check the API key/.test(ctx.api.process.output()) ? undefined : 'not logged';
  },
};

export const UPSTREAM_SCENARIOS: readonly ScenarioSpec[] = [
  failingUpstream('hang', 'the upstream accepts the request and never answers', { hang: true }, 'timeout'),
  {
    name: 'connection refused',
    group: 'upstream',
    fault: 'every upstream refuses connections (the proxy in front of the mock upstream is cut)',
    target: '*',
    viaProxy: true,
    inject: async (ctx) => ctx.proxy!.cut(),
    shows: [fetchErrors('network'), staleWithError(), breakerOpen()],
    recover: async (ctx) => {
      await ctx.proxy!.restore();
      ctx.upstream.setKnobs('groq', { extraModelIds: [ctx.marker] });
    },
    recovered: [healthy('*'), servesMarker],
  },
  ...[500, 502, 503].map((status) =>
    failingUpstream(`http ${status}`, `the upstream answers ${status}`, { status }, `http_${status}`),
  ),
  {
    name: '429 with Retry-After',
    group: 'upstream',
    fault: "the upstream answers 429 with Retry-After: 3 (longer than the breaker's 1 s half-open delay)",
    async inject(ctx) {
      ctx.upstream.resetStats();
      ctx.upstream.setKnobs(ctx.target, { status: 429, retryAfterSec: 3 });
    },
    shows: [fetchErrors('rate_limited'), staleWithError()],
    holdMs: 6_000,
    during: [retryAfterHonoured(3)],
  },
  failingUpstream('401 bad key', 'the upstream answers 401 (key rejected)', { status: 401 }, 'unauthorized', [
    unauthorizedLogged,
  ]),
  failingUpstream(
    'malformed JSON',
    'the upstream answers 200 with a truncated JSON body',
    { body: '{"data": [{"id": "x"' },
    'invalid_json',
  ),
  failingUpstream(
    'wrong shape',
    'the upstream answers 200 with valid JSON of another shape',
    { body: JSON.stringify({ models: { id: 'x' }, data: 'none' }) },
    'unexpected_shape',
  ),
  partlyValidList('some invalid entries', 'the list gains 7 entries of no valid shape', { invalidEntries: 7 }, 7, [
    modelCountUnchanged(),
    healthy(),
  ]),
  {
    name: 'empty list',
    group: 'upstream',
    fault: 'the upstream answers an empty list',
    inject: async (ctx) => ctx.upstream.setKnobs(ctx.target, { keepRatio: 0 }),
    shows: [rejectedRefreshes('empty'), zeroModelsFlagged(), staleWithError()],
  },
  {
    name: 'list shrunk by 90%',
    group: 'upstream',
    fault: 'the list (10 copies of the fixture) drops to its first 10%',
    knobs: { inflate: 10 },
    inject: async (ctx) => ctx.upstream.setKnobs(ctx.target, { inflate: 10, keepRatio: 0.1 }),
    shows: [rejectedRefreshes('shrunk'), staleWithError(), modelCountUnchanged()],
  },
  failingUpstream(
    'body over the size limit',
    'the body is followed by 65 MiB of whitespace, chunked (limit 64 MiB)',
    { oversizeBytes: 65 * 1024 * 1024 },
    'too_large',
  ),
  failingUpstream(
    'body trickling past the deadline',
    'the body arrives at 200 bytes/s (the 1 s deadline covers the whole body)',
    { trickleBytesPerSec: 200 },
    'timeout',
  ),
  failingUpstream('redirect loop', 'the upstream redirects back and forth (302)', { redirectLoop: true }, 'http_302'),
  partlyValidList('duplicated ids', 'every entry of the list appears twice', { duplicateIds: true }, 9, [
    modelCountUnchanged(),
    idsUnique,
    healthy(),
  ]),
  {
    ...partlyValidList(
      'long and unusual Unicode',
      'descriptions of 19 000 characters of unusual Unicode (RTL override, zero-width, combining, emoji, astral, NUL, lone surrogates…), a model whose id has them, an id and a description over the limits',
      { hostileStrings: true },
      2,
      [hostileRoundTrip],
    ),
    target: 'deepinfra',
  },
];
