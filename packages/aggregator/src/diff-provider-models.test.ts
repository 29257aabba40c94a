import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '@catalog/provider-contract';
import { record } from './__fixtures__/sample-models.ts';
import { compareProviderLists, diffProviderModels, type ModelChange } from './diff-provider-models.ts';
import { sameJsonValue } from './same-json-value.ts';

/**
 * The canonical ids by a map of the old list (the reference): of records added, removed or changed
 * (old and new id of a changed record); an old list with a native id twice counts every id.
 */
function canonicalIdsByMap(before: readonly CatalogModel[], after: readonly CatalogModel[]): Set<string> {
  const ids = new Set<string>();
  const previous = new Map(before.map((m) => [m.id, m]));
  if (previous.size !== before.length) return new Set([...before, ...after].map((m) => m.canonicalId));
  for (const model of after) {
    const old = previous.get(model.id);
    previous.delete(model.id);
    if (old === undefined) ids.add(model.canonicalId);
    else if (!sameJsonValue(old, model)) ids.add(old.canonicalId).add(model.canonicalId);
  }
  for (const removed of previous.values()) ids.add(removed.canonicalId);
  return ids;
}

/** The changes by a map of the old list (how they were found before matching in step): the reference. */
function byMap(before: readonly CatalogModel[], after: readonly CatalogModel[]): ModelChange[] {
  const old = new Map(before.map((m) => [m.id, m]));
  const changes: ModelChange[] = [];
  for (const model of after) {
    const previous = old.get(model.id);
    old.delete(model.id);
    if (!previous) changes.push({ type: 'added', provider: 'p', id: model.id, canonicalId: model.canonicalId });
    else if (!sameJsonValue(previous, model)) {
      const fields = [...new Set([...Object.keys(previous), ...Object.keys(model)])]
        .filter(
          (k) => JSON.stringify(previous[k as keyof CatalogModel]) !== JSON.stringify(model[k as keyof CatalogModel]),
        )
        .sort();
      changes.push({ type: 'changed', provider: 'p', id: model.id, canonicalId: model.canonicalId, fields });
    }
  }
  for (const model of old.values())
    changes.push({ type: 'removed', provider: 'p', id: model.id, canonicalId: model.canonicalId });
  return changes;
}

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compareProviderLists', () => {
  const list = (n: number) =>
    Array.from({ length: n }, (_, i) => record('p', `m-${i}`, `x/m-${i}`, { name: `M ${i}` }));

  it('finds removals, insertions and edits anywhere in an ordered list, as a map of the old list does', () => {
    const before = list(50);
    const after = structuredClone(before);
    after.splice(10, 2);
    after.splice(0, 0, record('p', 'new-front', 'x/new-front'));
    after.splice(30, 0, record('p', 'new-middle', 'x/new-middle'));
    after[40] = { ...after[40]!, contextLength: 8192 };
    after.pop();
    const { changes, canonicalIds } = compareProviderLists('p', before, after);
    expect(changes).toEqual(byMap(before, after));
    expect(canonicalIds).toEqual(canonicalIdsByMap(before, after));
    expect(changes.map((c) => `${c.type} ${c.id}`)).toEqual([
      'added new-front',
      'added new-middle',
      `changed ${after[40]!.id}`,
      'removed m-10',
      'removed m-11',
      'removed m-49',
    ]);
  });

  it('matches a reordered list (reversed, shuffled) by id: nothing changed', () => {
    const before = list(40);
    expect(compareProviderLists('p', before, structuredClone(before).reverse()).changes).toEqual([]);
    const shuffled = structuredClone(before).sort((a, b) => (a.name! < b.name! ? 1 : -1));
    expect(compareProviderLists('p', before, shuffled)).toEqual({ changes: [], canonicalIds: new Set() });
  });

  it('agrees with the reference on random edits of random lists', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const before = list(Math.floor(next() * 30));
      let after = structuredClone(before).filter(() => next() > 0.15);
      after = after.map((m) => (next() < 0.1 ? { ...m, pricing: { prompt: String(next()) } } : m));
      for (let i = 0; i < 3; i++)
        if (next() < 0.5) after.splice(Math.floor(next() * (after.length + 1)), 0, record('p', `n-${i}`, `x/n-${i}`));
      if (next() < 0.2) after.reverse();
      const { changes, canonicalIds } = compareProviderLists('p', before, after);
      expect(changes, `seed ${seed}`).toEqual(byMap(before, after));
      expect(canonicalIds, `seed ${seed}`).toEqual(canonicalIdsByMap(before, after));
    }
  });

  it('names a native id listed twice: each old record is matched once', () => {
    const a = record('p', 'a', 'x/a');
    expect(diffProviderModels('p', [a, a], [a])).toEqual([
      { type: 'removed', provider: 'p', id: 'a', canonicalId: 'x/a' },
    ]);
    expect(diffProviderModels('p', [a], [a, a])).toEqual([
      { type: 'added', provider: 'p', id: 'a', canonicalId: 'x/a' },
    ]);
    const moved = { ...a, canonicalId: 'x/b' };
    expect(compareProviderLists('p', [a, moved], [a]).canonicalIds).toEqual(new Set(['x/b']));
  });
});

describe('compareProviderLists: the canonical ids to rebuild', () => {
  const a = record('p', 'a-1', 'a');
  const b = record('p', 'b-1', 'b');
  const c = record('p', 'c-1', 'c');
  const ids = (before: readonly CatalogModel[], after: readonly CatalogModel[]) =>
    compareProviderLists('p', before, after).canonicalIds;

  it('is empty for a list refetched with equal content (new objects, any order)', () => {
    expect(
      ids(
        [a, b, c],
        [c, b, a].map((m) => structuredClone(m)),
      ),
    ).toEqual(new Set());
  });

  it('names added, removed and changed records by canonical id', () => {
    expect(ids([a, b], [{ ...b, pricing: { prompt: '0.000001' } }, c])).toEqual(new Set(['a', 'b', 'c']));
  });

  it('names both canonical ids of a record that moved to another one', () => {
    expect(ids([a], [{ ...a, canonicalId: 'z' }])).toEqual(new Set(['a', 'z']));
  });

  it('names the ids of both records of a native id listed twice in the old list', () => {
    expect(ids([a, { ...a, canonicalId: 'a2' }], [b])).toEqual(new Set(['a', 'a2', 'b']));
  });

  it('finds the ids the map reference finds, whatever the order, duplicates included', () => {
    const cases = [
      [[a, b, c], [c, b, a].map((m) => structuredClone(m))],
      [
        [a, b],
        [{ ...b, pricing: { prompt: '0.000001' } }, c],
      ],
      [[a, { ...a, canonicalId: 'a2' }], [b]],
      [
        [a, b, c],
        [b, c],
      ],
      [
        [a, b, c],
        [a, record('p', 'n-1', 'n'), b, c],
      ],
      [
        [a, b, c],
        [c, { ...a, name: 'A' }],
      ],
    ] as const;
    for (const [before, after] of cases) expect(ids(before, after)).toEqual(canonicalIdsByMap(before, after));
  });
});
