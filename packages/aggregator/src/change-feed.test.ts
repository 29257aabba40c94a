import { describe, expect, it } from 'vitest';
import { record } from './__fixtures__/sample-models.ts';
import { ChangeFeed } from './change-feed.ts';
import { diffProviderModels } from './diff-provider-models.ts';

describe('diffProviderModels', () => {
  it('names added, removed and changed models with the changed fields', () => {
    const before = [
      record('p', 'a', 'x/a', { pricing: { prompt: '0.1' }, contextLength: 10 }),
      record('p', 'b', 'x/b'),
    ];
    const after = [
      record('p', 'a', 'x/a', { pricing: { prompt: '0.2' }, contextLength: 10, name: 'A' }),
      record('p', 'c', 'x/c'),
    ];
    expect(diffProviderModels('p', before, after)).toEqual([
      { type: 'changed', provider: 'p', id: 'a', canonicalId: 'x/a', fields: ['name', 'pricing'] },
      { type: 'added', provider: 'p', id: 'c', canonicalId: 'x/c' },
      { type: 'removed', provider: 'p', id: 'b', canonicalId: 'x/b' },
    ]);
  });

  it('reports nothing for equal lists', () => {
    const list = [record('p', 'a', 'x/a', { name: 'A' })];
    expect(diffProviderModels('p', list, [record('p', 'a', 'x/a', { name: 'A' })])).toEqual([]);
  });
});

describe('ChangeFeed', () => {
  const change = (id: string) => ({ type: 'added' as const, provider: 'p', id, canonicalId: id });

  it('accumulates changes since a version', () => {
    const feed = new ChangeFeed();
    feed.record({ from: 'v1', to: 'v2', at: 't', changes: [change('a')] });
    feed.record({ from: 'v2', to: 'v3', at: 't', changes: [change('b')] });
    expect(feed.since('v1', 'v3')).toEqual({
      complete: true,
      from: 'v1',
      to: 'v3',
      changes: [change('a'), change('b')],
    });
    expect(feed.since('v2', 'v3')).toMatchObject({ complete: true, changes: [change('b')] });
    expect(feed.since('v3', 'v3')).toMatchObject({ complete: true, changes: [] });
  });

  it('is bounded and says when a version is too old', () => {
    const feed = new ChangeFeed(2);
    for (let i = 1; i <= 4; i++) feed.record({ from: `v${i}`, to: `v${i + 1}`, at: 't', changes: [change(String(i))] });
    expect(feed.history()).toHaveLength(2);
    expect(feed.since('v1', 'v5')).toEqual({ complete: false, from: 'v1', to: 'v5', oldestKnown: 'v3' });
    expect(feed.since('v3', 'v5')).toMatchObject({ complete: true });
  });
});
