import { afterEach, describe, expect, it } from 'vitest';
import { CoarseClock } from './coarse-clock.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CoarseClock', () => {
  const clocks: CoarseClock[] = [];
  const clock = (options: ConstructorParameters<typeof CoarseClock>[0]) => {
    const created = new CoarseClock(options);
    clocks.push(created);
    return created;
  };
  afterEach(() => clocks.splice(0).forEach((c) => c.stop()));

  it('reads the system clock once for a run of calls, then every maxUses calls', () => {
    let reads = 0;
    const c = clock({ read: () => ++reads, maxUses: 10 });
    const seen = Array.from({ length: 25 }, () => c.now());
    expect(seen.slice(0, 10)).toEqual(Array(10).fill(1));
    expect(seen.slice(10, 20)).toEqual(Array(10).fill(2));
    expect(reads).toBe(3);
  });

  it('follows the system clock within its resolution while in use', async () => {
    const c = clock({ resolutionMs: 5 });
    for (let i = 0; i < 10; i++) {
      await sleep(7);
      // The coarse time first: it may itself read the clock, so read after it cannot be earlier.
      const coarse = c.now();
      const lag = Date.now() - coarse;
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(50); // resolution plus a loaded machine's timer delay
    }
  });

  it('stops its timer when unused and reads the clock afresh on the next call', async () => {
    let reads = 0;
    const c = clock({ read: () => ++reads, resolutionMs: 2 });
    c.now();
    await sleep(30);
    const readsWhileIdle = reads;
    await sleep(30);
    expect(reads).toBe(readsWhileIdle); // stopped: no reads while nobody asks
    expect(c.now()).toBe(readsWhileIdle + 1);
  });
});
