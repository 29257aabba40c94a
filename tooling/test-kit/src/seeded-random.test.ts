import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1) spread over it', () => {
    const take = (seed: number) => Array.from({ length: 1_000 }, seededRandom(seed));
    const a = take(7);
    expect(take(7)).toEqual(a);
    expect(take(8)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    const deciles = new Array<number>(10).fill(0);
    for (const x of a) deciles[Math.floor(x * 10)]!++;
    for (const count of deciles) expect(count).toBeGreaterThan(60);
  });
});
