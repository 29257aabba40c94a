import { describe, expect, it } from 'vitest';
import { record } from './__fixtures__/sample-models.ts';
import { changedCanonicalIds } from './changed-canonical-ids.ts';
import { compareProviderLists } from './diff-provider-models.ts';

const a = record('p', 'a-1', 'a');
const b = record('p', 'b-1', 'b');
const c = record('p', 'c-1', 'c');

describe('changedCanonicalIds', () => {
  it('is empty for a list refetched with equal content (new objects, any order)', () => {
    const again = [c, b, a].map((m) => structuredClone(m));
    expect(changedCanonicalIds([a, b, c], again)).toEqual(new Set());
  });

  it('names added, removed and changed records by canonical id', () => {
    const cheaper = { ...b, pricing: { prompt: '0.000001' } };
    expect(changedCanonicalIds([a, b], [cheaper, c])).toEqual(new Set(['a', 'b', 'c']));
  });

  it('names both canonical ids of a record that moved to another one', () => {
    expect(changedCanonicalIds([a], [{ ...a, canonicalId: 'z' }])).toEqual(new Set(['a', 'z']));
  });

  it('names every id when the old list cannot be matched by native id', () => {
    const twice = { ...a, canonicalId: 'a2' };
    expect(changedCanonicalIds([a, twice], [b])).toEqual(new Set(['a', 'a2', 'b']));
  });

  it('finds the same ids as compareProviderLists, whatever the order, duplicates included', () => {
    const cases = [
      [[a, b, c], [c, b, a].map((m) => structuredClone(m))],
      [
        [a, b],
        [{ ...b, pricing: { prompt: '0.000001' } }, c],
      ],
      [[a], [{ ...a, canonicalId: 'z' }]],
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
    for (const [before, after] of cases) {
      expect(compareProviderLists('p', before, after).canonicalIds).toEqual(changedCanonicalIds(before, after));
    }
  });
});
