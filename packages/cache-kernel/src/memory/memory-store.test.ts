import { describe, expect, it } from 'vitest';
import type { Envelope } from '../envelope.ts';
import { MemoryStore } from './memory-store.ts';

const envelope = (value: unknown): Envelope => ({
  value,
  fetchedAt: 0,
  freshUntil: 1,
  staleUntil: 2,
  expiresAt: 3,
  version: 'v',
  writtenAt: 0,
});

describe('MemoryStore', () => {
  it('returns the stored object itself (no copy)', async () => {
    const store = new MemoryStore();
    const value = Object.freeze({ models: [1, 2, 3] });
    await store.set('a', envelope(value));
    expect(store.peekLocal('a')?.value).toBe(value);
    expect((await store.get('a'))?.source).toBe('memory');
  });

  it('evicts an entry not read since it was written past maxEntries (second chance for read ones)', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    await store.set('a', envelope(1));
    await store.set('b', envelope(2));
    store.peekLocal('a');
    await store.set('c', envelope(3));
    expect([...store.keys()].sort()).toEqual(['a', 'c']);
    // 'a' was passed over and moved behind 'c'; 'c', never read, is the next to go.
    await store.set('d', envelope(4));
    expect([...store.keys()].sort()).toEqual(['a', 'd']);
    await store.set('e', envelope(5));
    expect([...store.keys()].sort()).toEqual(['d', 'e']);
  });

  it('never evicts every entry when all of them were read', async () => {
    const store = new MemoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await store.set(key, envelope(key));
    for (const key of ['a', 'b', 'c']) store.peekLocal(key);
    await store.set('d', envelope('d'));
    expect(store.keys()).toHaveLength(3);
    expect(store.keys()).toContain('d');
  });

  it('evicts by bytes, keeping at least the newest entry', async () => {
    const store = new MemoryStore({ maxBytes: 100 });
    await store.set('a', envelope('x'), 'x'.repeat(60));
    await store.set('b', envelope('y'), 'y'.repeat(60));
    expect(store.keys()).toEqual(['b']);
    expect(store.size()).toEqual({ entries: 1, bytes: 60 });
    await store.set('huge', envelope('z'), 'z'.repeat(500));
    expect(store.keys()).toEqual(['huge']);
    await store.delete('huge');
    expect(store.size()).toEqual({ entries: 0, bytes: 0 });
  });

  it('replaces the envelope of a held entry in place, keeping its size and order', async () => {
    const store = new MemoryStore();
    store.put('a', envelope(1), 10);
    store.put('b', envelope(2), 20);
    const confirmed = { ...envelope(1), freshUntil: 50 };
    expect(store.replace('a', confirmed)).toBe(true);
    expect(store.peekLocal('a')).toBe(confirmed);
    expect(store.size()).toEqual({ entries: 2, bytes: 30 });
    expect(store.keys()).toEqual(['a', 'b']);
    expect(store.replace('missing', confirmed)).toBe(false);
    expect(store.keys()).toEqual(['a', 'b']);
  });

  it('hands out a held entry that reads its envelope until the store lets go of it', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    const first = envelope(1);
    await store.set('a', first);
    const held = store.peekEntry('a')!;
    expect(held.read()).toBe(first);
    const swapped = { ...first, fetchedAt: 9 };
    expect(store.replace('a', swapped)).toBe(true);
    expect(held.read()).toBe(swapped); // same entry, new envelope
    await store.set('a', envelope(2));
    expect(held.read()).toBeUndefined(); // replaced by a later write
    expect(store.peekEntry('absent')).toBeUndefined();

    await store.set('b', envelope('b'));
    const b = store.peekEntry('b')!;
    await store.delete('b');
    expect(b.read()).toBeUndefined();

    // Read through the handle: a second chance, as with peekLocal; never read: evicted.
    const a = store.peekEntry('a')!;
    await store.set('c', envelope('c'));
    const c = store.peekEntry('c')!;
    a.read();
    await store.set('d', envelope('d'));
    expect(c.read()).toBeUndefined();
    expect(a.read()?.value).toBe(2);
    await store.close();
    expect(a.read()).toBeUndefined();
  });

  it('keeps documents', async () => {
    const store = new MemoryStore();
    await store.setDocument('overrides', '[]');
    expect(await store.getDocument('overrides')).toBe('[]');
    expect(await store.getDocument('missing')).toBeUndefined();
  });

  it('compare-and-sets documents', async () => {
    const store = new MemoryStore();
    expect(await store.compareAndSetDocument('d', undefined, '[1]')).toBe(true);
    expect(await store.compareAndSetDocument('d', undefined, '[2]')).toBe(false);
    expect(await store.compareAndSetDocument('d', '[0]', '[2]')).toBe(false);
    expect(await store.compareAndSetDocument('d', '[1]', '[1,2]')).toBe(true);
    expect(await store.getDocument('d')).toBe('[1,2]');
  });
});
