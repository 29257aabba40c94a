import { describe, expect, it } from 'vitest';
import { SCENARIOS, selects } from './scenario.ts';

describe('scenario ids', () => {
  it('selects a scenario by its id, and every part of one by its number', () => {
    expect(selects('1a', '1a')).toBe(true);
    expect(selects('1', '1a')).toBe(true);
    expect(selects('1', '1b')).toBe(true);
    expect(selects('8', '8b')).toBe(true);
    expect(selects('1', '10')).toBe(false);
    expect(selects('1b', '1a')).toBe(false);
    expect(SCENARIOS.filter((s) => selects('1', s.id)).map((s) => s.id)).toEqual(['1a', '1b']);
  });

  it('numbers every scenario once', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
