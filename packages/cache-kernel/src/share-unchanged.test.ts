import { describe, expect, it } from 'vitest';
import { deepFreeze } from './envelope.ts';
import { shareUnchanged } from './share-unchanged.ts';

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  pricing: { prompt: '0.1', completion: '0.2' },
  modalities: ['text'],
  ...extra,
});
const list = (ids: string[]) => ids.map((id) => record(id));
const fresh = <T>(value: T): T => structuredClone(value);

describe('shareUnchanged', () => {
  it('returns the previous value itself when the new one is equal in content', () => {
    const previous = deepFreeze(list(['a', 'b', 'c']));
    expect(shareUnchanged(previous, fresh(previous))).toBe(previous);
    expect(shareUnchanged(previous, fresh(previous).reverse())).not.toBe(previous);
  });

  it('keeps the unchanged records of a list, in step and out of step, and the new ones as given', () => {
    const previous = deepFreeze(list(['a', 'b', 'c', 'd', 'e']));
    const next = fresh(previous);
    next.splice(1, 1); // b removed: c, d, e are out of step
    next.unshift(record('new')); // and a record added at the front
    next[3] = { ...next[3]!, pricing: { prompt: '0.5', completion: '0.2' } }; // d changed
    const shared = shareUnchanged(previous, next) as typeof next;
    expect(shared).toBe(next);
    expect(shared.map((r) => r.id)).toEqual(['new', 'a', 'c', 'd', 'e']);
    expect(shared[1]).toBe(previous[0]);
    expect(shared[2]).toBe(previous[2]);
    expect(shared[4]).toBe(previous[4]);
    // The changed record is new, but its unchanged parts are the previous ones.
    expect(shared[3]).not.toBe(previous[3]);
    expect(shared[3]!.modalities).toBe(previous[3]!.modalities);
    expect(shared[3]!.pricing).toEqual({ prompt: '0.5', completion: '0.2' });
    expect(shared).toEqual(next);
  });

  it('shares by position where elements have no id, and sees every kind of difference', () => {
    const previous = deepFreeze({ tags: ['x', 'y'], nested: { a: [1, 2], b: null }, n: 1 });
    const next = fresh(previous);
    next.n = 2;
    const shared = shareUnchanged(previous, next) as typeof next;
    expect(shared).toBe(next);
    expect(shared.tags).toBe(previous.tags);
    expect(shared.nested).toBe(previous.nested);
    for (const changed of [
      { ...fresh(previous), extra: true },
      { tags: ['x', 'y'], nested: { a: [1, 2], b: null } },
      { ...fresh(previous), tags: ['x', 'y', 'z'] },
      { ...fresh(previous), nested: { a: [1, 2], b: 0 } },
      { ...fresh(previous), nested: { a: [1, 2], b: null, c: undefined } },
    ]) {
      expect(shareUnchanged(previous, changed)).toBe(changed);
      expect(shareUnchanged(previous, changed)).toEqual(changed);
    }
    expect(shareUnchanged([1, 2], { 0: 1, 1: 2 })).toEqual({ 0: 1, 1: 2 });
    expect(shareUnchanged({ 0: 1 }, [1])).toEqual([1]);
    expect(shareUnchanged('a', 'b')).toBe('b');
    expect(shareUnchanged(undefined, previous)).toBe(previous);
  });

  it('compares a frozen new value without writing to it', () => {
    const previous = deepFreeze(list(['a', 'b']));
    const next = deepFreeze([record('a', { name: 'A' }), record('b')]);
    const shared = shareUnchanged(previous, next) as typeof next;
    expect(shared).toBe(next);
    expect(shared[1]).not.toBe(previous[1]); // could not be replaced in a frozen list
    expect(shareUnchanged(previous, deepFreeze(fresh(previous)))).toBe(previous);
  });

  it('never swaps in a previous record of other content, whatever the ids (listed twice, moved)', () => {
    const previous = deepFreeze([record('a'), record('a', { name: 'second' }), record('c')]);
    for (const next of [
      [record('b'), record('a'), record('a', { name: 'second' })],
      [record('a', { name: 'second' }), record('a')],
      [record('c'), record('a'), record('a'), record('c')],
    ]) {
      const expected = fresh(next);
      const shared = shareUnchanged(previous, next) as typeof next;
      expect(shared).toEqual(expected);
      for (const item of shared) {
        const reused = previous.find((p) => p === item);
        if (reused) expect(reused).toEqual(expected[shared.indexOf(item)]);
      }
    }
    const moved = [record('c'), record('a', { name: 'second' })];
    const shared = shareUnchanged(previous, moved) as typeof moved;
    expect(shared[0]).toBe(previous[2]);
    expect(shared[1]).toBe(previous[1]);
  });
});
