import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheKernel } from '../cache-kernel.ts';
import type { KernelEventMap } from '../kernel-events.ts';
import type { KeyPolicyOverrides } from '../key-policy.ts';
import { createRedisClient } from '../redis/create-redis-client.ts';
import { RedisStore } from '../redis/redis-store.ts';
import { TieredStore } from '../tiered-store.ts';
import { List, testEnvelope, type Models } from './kernel-setup.ts';

/** A Redis deployment the fleet suite runs on (standalone or Cluster), started by the test file. */
export interface FleetDeployment {
  readonly mode: 'standalone' | 'cluster';
  /** Seed URLs, without credentials. */
  readonly urls: readonly string[];
  /** redis-cli on every node (ACL users are per node). */
  readonly nodes: readonly { cli(...args: string[]): string }[];
  /** redis-cli on the node owning the key named in the command (Cluster: follows MOVED). */
  cli(...args: string[]): string;
}

/** Provider keys spread over the masters of a Cluster (their hash tags land on different slots). */
export const FLEET_KEYS = ['openrouter', 'groq', 'together', 'fal', 'near', 'xai'] as const;
/** createRedisClient's longest pause between reconnect attempts, in this suite. */
const MAX_RECONNECT_MS = 100;
/**
 * RedisStore's read deadline here: generous, since these tests are about coordination, not
 * deadlines (cache-kernel.slow-redis.test.ts tests the 50 ms default), and a loaded 2-core test
 * machine answers a burst of hundreds of reads slower than 50 ms (each instance would then
 * fetch on its own, as it must when Redis does not answer in time).
 */
const READ_TIMEOUT_MS = 500;

const models = (tag: string, n = 4): Models => Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}` }));

export interface FleetInstance {
  readonly kernel: CacheKernel;
  /** Upstream fetches this instance made, per key. */
  calls(key: string): number;
  /** Partition this instance from Redis: its connections are dropped and cannot come back until restore(). */
  cut(): Promise<void>;
  restore(): void;
}

/**
 * The kernel's fleet behaviour on a real Redis deployment, several kernels in one process:
 * sharing, single-flight across instances, corrupt and schema-invalid entries, fenced writes,
 * a crashed lock holder, coherence on refresh and on invalidation, and the resync of an instance
 * cut off from Redis (with its staleness bound). Each instance connects as its own ACL user, so
 * a test can cut exactly one instance off (user disabled, its connections killed) on standalone
 * Redis and on every Cluster node alike, and be sure it misses what happens meanwhile.
 */
export function registerKernelFleetSuite(name: string, deployment: () => FleetDeployment): void {
  describe(`a fleet of kernels on ${name}`, () => {
    let prefix = '';
    let tests = 0;
    let users: string[] = [];
    let kernels: CacheKernel[] = [];
    const all = (...args: string[]) => deployment().nodes.map((node) => node.cli(...args));

    beforeEach(() => {
      prefix = `fleet${++tests}-${process.pid}:`;
    });
    afterEach(async () => {
      await Promise.all(kernels.map((kernel) => kernel.close()));
      for (const user of users) all('ACL', 'DELUSER', user);
      kernels = [];
      users = [];
    });

    /** A connected RedisStore on the deployment, as `user` (default: the default user). */
    function store(user?: string): RedisStore {
      const urls = deployment().urls.map((seed) => {
        const url = new URL(seed);
        if (user) [url.username, url.password] = [user, 'fleet-pw'];
        return url.toString();
      });
      const client = createRedisClient({ urls, mode: deployment().mode, maxReconnectDelayMs: MAX_RECONNECT_MS });
      return new RedisStore({ client, keyPrefix: prefix, readTimeoutMs: READ_TIMEOUT_MS });
    }

    /** Subscribers of this test's event channel, over all nodes. */
    const subscribers = () =>
      all('PUBSUB', 'NUMSUB', `${prefix}events`).reduce((sum, out) => sum + Number(out.split('\n').pop()), 0);

    async function instance(
      fetch: (key: string) => Promise<unknown>,
      options: { policy?: KeyPolicyOverrides; now?: () => number } = {},
    ): Promise<FleetInstance> {
      const user = `fleet-${tests}-${users.length}`;
      all('ACL', 'SETUSER', user, 'on', '>fleet-pw', '~*', '&*', '+@all');
      users.push(user);
      const before = subscribers();
      const kernel = new CacheKernel({
        store: new TieredStore(store(user)),
        defaults: { retry: { maxAttempts: 0 }, ...options.policy },
        ...(options.now ? { now: options.now } : {}),
      });
      const calls = new Map<string, number>();
      for (const key of FLEET_KEYS) {
        kernel.register(key, {
          schema: List,
          fetch: () => {
            calls.set(key, (calls.get(key) ?? 0) + 1);
            return fetch(key);
          },
        });
      }
      kernels.push(kernel);
      expect(await kernel.connect(10_000)).toBe(true);
      await vi.waitFor(() => expect(subscribers()).toBe(before + 1), { timeout: 10_000, interval: 20 });
      return {
        kernel,
        calls: (key) => calls.get(key) ?? 0,
        async cut() {
          all('ACL', 'SETUSER', user, 'off');
          const killed = all('CLIENT', 'KILL', 'USER', user).reduce((sum, out) => sum + Number(out), 0);
          expect(killed).toBeGreaterThanOrEqual(2); // its command and its subscriber connections
          // A standalone client reports the loss; a Cluster client stays "ready" while its node
          // connections fail (every command fails, and the kernel serves from memory).
          if (deployment().mode === 'standalone') await vi.waitFor(() => expect(kernel.remoteConnected()).toBe(false));
        },
        restore() {
          all('ACL', 'SETUSER', user, 'on');
        },
      };
    }

    const fenceOf = (key: string) => deployment().cli('HGET', `${prefix}{${key}}`, 'f');

    it('shares values: a second instance reads them from Redis, then from memory, without fetching', async () => {
      const a = await instance(async (key) => models(key));
      await a.kernel.warm([...FLEET_KEYS]);
      await a.kernel.settle();
      // Started afterwards, so it heard none of a's change events (which would preload its memory).
      const b = await instance(async (key) => models(`b-${key}`));
      for (const key of FLEET_KEYS) {
        const read = await b.kernel.get<Models>(key);
        expect(read.source).toBe('redis');
        expect(read.value[0]?.id).toBe(`${key}-0`);
        expect((await b.kernel.get(key)).source).toBe('memory');
        expect(b.calls(key)).toBe(0);
      }
    });

    it('makes one upstream fetch per key for concurrent cold reads on three instances', async () => {
      const fetch = async (key: string) => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        return models(`cold-${key}`);
      };
      const fleet = [await instance(fetch), await instance(fetch), await instance(fetch)];
      const reads = await Promise.all(
        fleet.flatMap((i) => FLEET_KEYS.flatMap((key) => Array.from({ length: 40 }, () => i.kernel.get(key)))),
      );
      for (const key of FLEET_KEYS)
        expect(
          fleet.reduce((sum, i) => sum + i.calls(key), 0),
          key,
        ).toBe(1);
      expect(new Set(reads.map((r) => r.version)).size).toBe(FLEET_KEYS.length);
      expect(reads.filter((r) => r.source === 'redis').length).toBeGreaterThan(0);
    });

    it('ignores a schema-invalid value in Redis (counted), fetches, and replaces it', async () => {
      const a = await instance(async (key) => models(key));
      const writer = store();
      await writer.waitUntilConnected(10_000);
      await writer.set('groq', testEnvelope([{ id: 42 }], { version: 'invalid' }));
      const storeErrors: KernelEventMap['store-error'][] = [];
      a.kernel.on('store-error', (e) => storeErrors.push(e));
      const read = await a.kernel.get<Models>('groq');
      expect(read.source).toBe('upstream');
      expect(a.calls('groq')).toBe(1);
      expect(storeErrors.map((e) => [e.key, e.operation])).toEqual([['groq', 'validate']]);
      expect(await a.kernel.registry.metrics()).toContain('cache_errors_total{provider="groq"} 1');
      const stored = await writer.get('groq');
      expect(stored?.envelope.version).toBe(read.version);
      await writer.close();
    });

    it('treats a corrupt value as a miss counted as an error, fetches, and replaces it', async () => {
      const a = await instance(async (key) => models(key));
      const storeErrors: KernelEventMap['store-error'][] = [];
      a.kernel.on('store-error', (e) => storeErrors.push(e));
      deployment().cli('HSET', `${prefix}{xai}`, 'm', '{"broken":true}', 'e', 'x', 'f', '0');
      const read = await a.kernel.get('xai');
      expect(read.source).toBe('upstream');
      expect(a.calls('xai')).toBe(1);
      const text = await a.kernel.registry.metrics();
      expect(text).toContain('cache_errors_total{provider="xai"} 1');
      expect(text).toContain('cache_misses_total{provider="xai"} 1');
      expect(text).toContain('cache_hits_total{provider="xai"} 0');
      expect(storeErrors.map((e) => [e.key, e.operation])).toEqual([['xai', 'read']]);
      expect(storeErrors[0]?.error).toMatchObject({ code: 'KERNEL_STORE', operation: 'decode' });
      expect(fenceOf('xai')).toBe('1'); // the fetched value replaced the corrupt entry
    });

    it('refuses a slow, older refresh (fenced write) and adopts the newer value', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = await instance(async (key) => {
        await gate;
        return models(`old-${key}`);
      });
      const refused: KernelEventMap['store-error'][] = [];
      slow.kernel.on('store-error', (e) => refused.push(e));
      const pending = slow.kernel.get<Models>('together');
      await vi.waitFor(() => expect(deployment().cli('GET', `${prefix}{together}:fence`)).toBe('1'));
      // A newer refresh (fence 2) lands first, e.g. from an instance that took over an expired lock.
      const writer = store();
      await writer.waitUntilConnected(10_000);
      const fence = await writer.nextFence('together');
      await writer.setFenced('together', { ...testEnvelope(models('new'), { version: 'new' }), fence });
      release();
      const read = await pending;
      expect(read.value[0]?.id).toBe('new-0');
      expect(refused.map((e) => e.operation)).toEqual(['fenced-write-refused']);
      expect((await writer.get('together'))?.envelope.version).toBe('new');
      expect(fenceOf('together')).toBe('2');
      await writer.close();
    });

    it('replaces a crashed lock holder once its lock expires, calling upstream once', async () => {
      const a = await instance(async (key) => models(`after-crash-${key}`));
      // A holder that died mid-fetch: its lock is still there, no value was ever written.
      deployment().cli('SET', `${prefix}{near}:lock`, 'dead-instance', 'PX', '400');
      const reads = await Promise.all(Array.from({ length: 10 }, () => a.kernel.get<Models>('near')));
      await vi.waitFor(() => expect(deployment().cli('EXISTS', `${prefix}{near}:lock`)).toBe('0')); // released
      for (const read of reads) expect(read.value[0]?.id).toBe('after-crash-near-0');
      expect(a.calls('near')).toBe(1);
      expect(fenceOf('near')).toBe('1');
    });

    it('makes one fetch for the fleet when several instances refresh early (ifVersion) the same value', async () => {
      let round = 0;
      const fetch = async (key: string) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return models(`early${++round}-${key}`);
      };
      const fleet = [await instance(fetch), await instance(fetch), await instance(fetch)];
      const first = await fleet[0]!.kernel.get('groq');
      await Promise.all(fleet.slice(1).map((i) => i.kernel.get('groq')));
      // All three schedules fire together: one fetches, the others adopt its write.
      const together = await Promise.all(fleet.map((i) => i.kernel.refresh('groq', { ifVersion: first.version })));
      expect(new Set(together.map((r) => r.version)).size).toBe(1);
      expect(together[0]!.version).not.toBe(first.version);
      // A schedule firing later, still naming the old version, adopts the value a peer stored since.
      const late = await fleet[2]!.kernel.refresh('groq', { ifVersion: first.version });
      expect(late.version).toBe(together[0]!.version);
      expect(fleet.reduce((sum, i) => sum + i.calls('groq'), 0)).toBe(2); // the cold read and one refresh
    });

    it('leaves no refresh lock behind when closed right after a refresh', async () => {
      const a = await instance(async (key) => models(key));
      await a.kernel.get('near');
      await a.kernel.refresh('near', { force: true });
      await a.kernel.close();
      expect(deployment().cli('EXISTS', `${prefix}{near}:lock`)).toBe('0');
    });

    it('loses no document change when three instances update one document at once', async () => {
      const fleet = [await instance(async (key) => models(key)), await instance(async (key) => models(key))];
      fleet.push(await instance(async (key) => models(key)));
      const append = (item: string) => (current: string | undefined) =>
        JSON.stringify([...(current === undefined ? [] : (JSON.parse(current) as string[])), item]);
      const items = fleet.flatMap((_, i) => Array.from({ length: 15 }, (_, n) => `i${i}-${n}`));
      await Promise.all(
        items.map((item, n) =>
          fleet[n % fleet.length]!.kernel.updateDocument('overrides', append(item), { attempts: 100 }),
        ),
      );
      for (const { kernel } of fleet) {
        const stored = JSON.parse((await kernel.getDocument('overrides')) ?? '[]') as string[];
        expect(stored.toSorted()).toEqual(items.toSorted());
      }
    });

    it('keeps every instance coherent within 250 ms: on refresh and on invalidation', async () => {
      let round = 0;
      const fetch = async (key: string) => models(`round${++round}-${key}`);
      const [a, b, c] = [await instance(fetch), await instance(fetch), await instance(fetch)];
      await a.kernel.get('fal');
      await Promise.all([b.kernel.get('fal'), c.kernel.get('fal')]);
      const refreshed = await a.kernel.refresh('fal', { force: true });
      await vi.waitFor(
        () => {
          expect(b.kernel.peek('fal')?.version).toBe(refreshed.version);
          expect(c.kernel.peek('fal')?.version).toBe(refreshed.version);
        },
        { timeout: 250, interval: 10 },
      );
      const dropped: KernelEventMap['coherence'][] = [];
      b.kernel.on('coherence', (e) => dropped.push(e));
      await a.kernel.invalidate('fal');
      await vi.waitFor(
        () => {
          expect(b.kernel.peek('fal')).toBeUndefined();
          expect(c.kernel.peek('fal')).toBeUndefined();
        },
        { timeout: 250, interval: 10 },
      );
      expect(dropped).toEqual([{ key: 'fal', op: 'delete' }]);
      // The next read anywhere fetches once for the fleet: nothing stale survived in Redis.
      const reads = await Promise.all([a, b, c].map((i) => i.kernel.get<Models>('fal')));
      expect(new Set(reads.map((r) => r.version)).size).toBe(1);
      expect(reads[0]?.version).not.toBe(refreshed.version);
      expect(round).toBe(3);
    });

    describe('an instance cut off from Redis', () => {
      it('serves from memory while cut off, and on reconnect drops the value that changed meanwhile (resync)', async () => {
        let round = 0;
        const fetch = async (key: string) => models(`r${++round}-${key}`);
        const a = await instance(fetch);
        const b = await instance(fetch);
        const before = await a.kernel.get('groq');
        expect((await b.kernel.get('groq')).version).toBe(before.version);
        const resyncs: KernelEventMap['resync'][] = [];
        b.kernel.on('resync', (e) => resyncs.push(e));
        // Nothing in flight: a Redis read started before the cut and answered after it would bring
        // the new value by itself (correctly), and there would be nothing left for resync to drop.
        await Promise.all([a.kernel.settle(), b.kernel.settle()]);

        await b.cut();
        const refreshed = await a.kernel.refresh('groq', { force: true });
        expect(refreshed.version).not.toBe(before.version);
        // b cannot have heard of it: its subscriber connection is gone and cannot reconnect.
        const whileCut = await b.kernel.get('groq');
        expect(whileCut).toMatchObject({ source: 'memory', state: 'fresh', version: before.version });

        const restoredAt = performance.now();
        b.restore();
        await vi.waitFor(() => expect(resyncs).toEqual([{ dropped: 1 }]), { timeout: 5_000, interval: 10 });
        await vi.waitFor(() => expect(b.kernel.peek('groq')?.version).toBe(refreshed.version), {
          timeout: 5_000,
          interval: 10,
        });
        // The staleness bound after a lost subscription: one reconnect delay plus one resync pass
        // (a metadata read per held key), with slack for a loaded machine.
        expect(performance.now() - restoredAt).toBeLessThan(MAX_RECONNECT_MS + READ_TIMEOUT_MS + 2_000);
        const read = await b.kernel.get<Models>('groq');
        expect(read.version).toBe(refreshed.version);
        expect(read.value[0]?.id).toBe('r2-groq-0');
        expect(a.calls('groq') + b.calls('groq')).toBe(2);
        // Its stale copy did not overwrite the newer value in Redis when it came back.
        expect(fenceOf('groq')).toBe('2');
      });

      it('drops a value invalidated while it was away, and does not bring it back into Redis', async () => {
        let round = 0;
        const fetch = async (key: string) => models(`r${++round}-${key}`);
        const a = await instance(fetch);
        const b = await instance(fetch);
        const before = await a.kernel.get('openrouter');
        await b.kernel.get('openrouter');
        const resyncs: KernelEventMap['resync'][] = [];
        b.kernel.on('resync', (e) => resyncs.push(e));
        const repopulated = new Promise((resolve) => b.kernel.on('repopulate', resolve));
        await Promise.all([a.kernel.settle(), b.kernel.settle()]);

        await b.cut();
        await a.kernel.invalidate('openrouter');
        expect(b.kernel.peek('openrouter')?.version).toBe(before.version);
        b.restore();
        // A standalone client writes its memory back when it reconnects (for a Redis that restarted
        // empty); a Cluster client never stops being "ready" for a lost node connection, so it does not.
        if (deployment().mode === 'standalone') await repopulated;
        await vi.waitFor(() => expect(resyncs).toEqual([{ dropped: 1 }]), { timeout: 5_000, interval: 10 });
        expect(b.kernel.peek('openrouter')).toBeUndefined();
        // b's reconnect rewrote its memory into Redis; the invalidated value was not among it.
        expect(deployment().cli('EXISTS', `${prefix}{openrouter}`)).toBe('0');
        const next = await a.kernel.get<Models>('openrouter');
        expect(next.source).toBe('upstream');
        expect(next.version).not.toBe(before.version);
      });

      it('refreshes on its own once its fresh TTL is over, however long the cut lasts', async () => {
        let now = Date.now();
        let round = 0;
        const fetch = async (key: string) => models(`r${++round}-${key}`);
        const policy = { freshTtlMs: 60_000, staleTtlMs: 60_000, jitterRatio: 0 };
        const a = await instance(fetch, { policy });
        const b = await instance(fetch, { policy, now: () => now });
        await a.kernel.get('xai');
        const held = await b.kernel.get('xai');
        await b.cut();
        await a.kernel.refresh('xai', { force: true });
        now += 50_000;
        expect((await b.kernel.get('xai')).version).toBe(held.version); // fresh: the bound is not reached
        now += 15_000;
        expect((await b.kernel.get('xai')).state).toBe('stale'); // served once, refreshing upstream
        await b.kernel.settle();
        const read = await b.kernel.get<Models>('xai');
        expect(read).toMatchObject({ state: 'fresh', source: 'memory' });
        expect(read.value[0]?.id).toBe('r3-xai-0');
        expect(b.calls('xai')).toBe(1);
        b.restore();
      });
    });
  });
}
