import { describe, expect, it } from 'vitest';
import { linearSlope, percentile } from './stats.ts';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('linearSlope', () => {
  it('is the least-squares slope', () => {
    expect(
      linearSlope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
    expect(
      linearSlope([
        { x: 0, y: 4 },
        { x: 1, y: 2 },
        { x: 2, y: 4 },
        { x: 3, y: 2 },
      ]),
    ).toBeCloseTo(-0.4);
  });

  it('is 0 for a single point or no spread in x', () => {
    expect(linearSlope([{ x: 1, y: 1 }])).toBe(0);
    expect(
      linearSlope([
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ]),
    ).toBe(0);
  });
});
