import type { RedisServerHandle } from '@catalog/test-kit';
import { figureIs, redisConnected, redisConnectionErrors, redisEvicted, storeErrors, storeHealed } from '../checks.ts';
import type { ScenarioSpec } from '../scenario.ts';
import { damageEntries } from './damage-entries.ts';
import { entryKey, fenceKey, lockKey } from './redis-keys.ts';

/** Fills Redis with 4 KiB junk values until it refuses writes (maxmemory reached); returns the count written. */
function fillUntilFull(redis: RedisServerHandle): number {
  const script =
    "for i = 1, 200 do redis.call('SET', 'junk:' .. ARGV[1] .. ':' .. i, string.rep('x', 4096)) end return 200";
  let written = 0;
  for (let batch = 0; batch < 200; batch++) {
    const reply = redis.cli('EVAL', script, '0', String(batch));
    if (/OOM/.test(reply)) return written;
    written += 200;
  }
  throw new Error(`Redis accepted ${written} junk values without reaching maxmemory`);
}

const deleteJunk = (redis: RedisServerHandle) =>
  redis.cli('EVAL', "for _, k in ipairs(redis.call('KEYS', 'junk:*')) do redis.call('UNLINK', k) end return 1", '0');

const connectedAgain = [redisConnected(true), storeHealed()];
const DAMAGED = ['groq', 'openai', 'together'];

export const REDIS_SCENARIOS: readonly ScenarioSpec[] = [
  {
    name: 'Redis down at start',
    group: 'redis',
    fault: 'REDIS_URL points at a stopped redis-server when the API starts',
    redis: { startStopped: true },
    inject: async () => undefined, // the fault is there from the start
    shows: [redisConnected(false), redisConnectionErrors],
    recover: async (ctx) => ctx.redis!.restart(),
    recovered: connectedAgain,
  },
  {
    name: 'Redis killed under load',
    group: 'redis',
    fault: 'redis-server SIGKILLed while the API is under load',
    redis: {},
    inject: async (ctx) => ctx.redis!.kill(),
    shows: [redisConnected(false), redisConnectionErrors, storeErrors('*')],
    recover: async (ctx) => ctx.redis!.restart(),
    recovered: connectedAgain,
  },
  {
    name: 'Redis paused',
    group: 'redis',
    fault: 'CLIENT PAUSE 3000: Redis accepts connections and answers nothing for 3 s',
    redis: {},
    inject: async (ctx) => ctx.redis!.pause(3_000),
    shows: [storeErrors('*')],
    recover: async () => undefined, // the pause ends by itself
    recovered: connectedAgain,
  },
  {
    name: 'Redis restarted empty',
    group: 'redis',
    fault: 'redis-server killed and started again on the same port with no data',
    redis: {},
    async inject(ctx) {
      await ctx.redis!.restart();
      // What the new server loaded when it started (not DBSIZE: by the time it is read, the API may
      // already have written its values back, which is the recovery this scenario checks).
      const loaded = /^rdb_last_load_keys_loaded:(\d+)/m.exec(ctx.redis!.cli('INFO', 'persistence'));
      ctx.figures.keysLoadedAtRestart = loaded ? Number(loaded[1]) : -1;
    },
    shows: [
      redisConnectionErrors,
      figureIs('keysLoadedAtRestart', 0, 'Redis came back with no data (0 keys loaded at its start)'),
    ],
    recover: async () => undefined, // the API writes its values back on reconnect
    recovered: connectedAgain,
  },
  {
    name: 'maxmemory with eviction',
    group: 'redis',
    fault:
      'maxmemory 4 MB, policy volatile-lru, filled with junk without TTL: the catalog entries (the only keys with a TTL) are evicted, then writes refused (OOM)',
    redis: { args: ['--maxmemory', '4mb', '--maxmemory-policy', 'volatile-lru'] },
    async inject(ctx) {
      ctx.figures.junkKeys = fillUntilFull(ctx.redis!);
    },
    shows: [redisEvicted, storeErrors('*')],
    recover: async (ctx) => void deleteJunk(ctx.redis!),
    recovered: [storeHealed()],
  },
  {
    name: 'corrupt value',
    group: 'redis',
    fault:
      'entries corrupted in place (groq: entry cut short after its header; openai: a well-formed entry whose value has the wrong schema; together: header of an unknown layout and metadata field not JSON), then a cold instance starts on that Redis and takes the load',
    redis: {},
    // No refresh during the scenario: the running instance does not rewrite the entries first.
    env: { FRESH_TTL_MS: '60000' },
    async inject(ctx) {
      await damageEntries(ctx.redis!.url);
      ctx.api = await ctx.startApi();
    },
    shows: DAMAGED.map((provider) => storeErrors(provider)),
    recover: async () => undefined, // the cold instance fetched and wrote good entries
    recovered: [storeHealed(DAMAGED)],
  },
  {
    name: 'key of the wrong type',
    group: 'redis',
    fault: 'entries replaced by keys of other types (groq: a list, openai: a string, together: a set)',
    redis: {},
    async inject(ctx) {
      const redis = ctx.redis!;
      redis.cli('DEL', entryKey('groq'), entryKey('openai'), entryKey('together'));
      redis.cli('RPUSH', entryKey('groq'), 'not', 'a', 'hash');
      redis.cli('SET', entryKey('openai'), 'not a hash');
      redis.cli('SADD', entryKey('together'), 'not', 'a', 'hash');
    },
    shows: DAMAGED.map((provider) => storeErrors(provider)),
    recover: async () => undefined, // the next refresh replaces them
    recovered: [storeHealed(DAMAGED)],
  },
  {
    name: 'fence counter lost',
    group: 'redis',
    fault:
      "groq's fence counter (the write-ordering counter beside its entry) deleted after it reached 1000, as allkeys-lru eviction or a hand-run DEL would",
    redis: {},
    async inject(ctx) {
      const redis = ctx.redis!;
      // A long-running fleet: the counter is high, and so is the fence of the stored entry.
      redis.cli('SET', fenceKey('groq'), '1000');
      const deadline = Date.now() + 10_000;
      while (Number(redis.cli('HGET', entryKey('groq'), 'f')) < 1000 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const storedFence = Number(redis.cli('HGET', entryKey('groq'), 'f'));
      ctx.figures.storedFence = storedFence;
      ctx.figures.fenceReached1000 = storedFence >= 1000 ? 'yes' : 'no';
      redis.cli('DEL', fenceKey('groq'));
    },
    shows: [
      figureIs('fenceReached1000', 'yes', 'the stored entry carried a fence ≥ 1000 when its counter was deleted'),
      redisConnected(true),
    ],
    recovered: [storeHealed(['groq'])],
  },
  {
    name: 'lock key of another type',
    group: 'redis',
    fault: "groq's refresh lock replaced by a hash without expiry (so it can never expire by itself)",
    redis: {},
    async inject(ctx) {
      ctx.redis!.cli('DEL', lockKey('groq'));
      ctx.redis!.cli('HSET', lockKey('groq'), 'not', 'a lock');
    },
    shows: [redisConnected(true)],
    recovered: [storeHealed(['groq'])],
  },
];
