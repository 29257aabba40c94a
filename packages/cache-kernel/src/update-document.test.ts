import { describe, expect, it } from 'vitest';
import { DocumentConflictError } from './kernel-error.ts';
import { MemoryStore } from './memory/memory-store.ts';
import { updateDocument } from './update-document.ts';

const append = (item: number) => (current: string | undefined) =>
  JSON.stringify([...(current === undefined ? [] : (JSON.parse(current) as number[])), item]);

/** A store where another writer appends `interleave(n)` right after this writer's n-th read. */
function contendedStore(interleave: (read: number) => number | undefined) {
  const store = new MemoryStore();
  let reads = 0;
  return {
    store,
    async getDocument(name: string) {
      const current = await store.getDocument(name);
      const other = interleave(++reads);
      if (other !== undefined) await store.setDocument(name, append(other)(await store.getDocument(name)));
      return current;
    },
    compareAndSetDocument: store.compareAndSetDocument.bind(store),
    reads: () => reads,
  };
}

describe('updateDocument', () => {
  it('creates an absent document and applies later updates to what is stored', async () => {
    const store = new MemoryStore();
    expect(await updateDocument(store, 'd', append(1))).toBe('[1]');
    expect(await updateDocument(store, 'd', append(2))).toBe('[1,2]');
  });

  it('writes nothing when the update returns undefined or the same text', async () => {
    const store = new MemoryStore();
    expect(await updateDocument(store, 'd', () => undefined)).toBeUndefined();
    expect(await store.getDocument('d')).toBeUndefined();
    await store.setDocument('d', '[1]');
    expect(await updateDocument(store, 'd', (current) => current)).toBe('[1]');
  });

  it('re-applies the update to the other writer’s document after a conflict, losing neither change', async () => {
    const contended = contendedStore((read) => (read === 1 ? 99 : undefined));
    expect(await updateDocument(contended, 'd', append(1), { random: () => 0 })).toBe('[99,1]');
    expect(contended.reads()).toBe(2);
    expect(await contended.store.getDocument('d')).toBe('[99,1]');
  });

  it('gives up with DocumentConflictError after its attempts, having written nothing of its own', async () => {
    const contended = contendedStore((read) => read);
    const failure = await updateDocument(contended, 'd', append(0), { attempts: 3, random: () => 0 }).catch(
      (error: unknown) => error,
    );
    expect(DocumentConflictError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ document: 'd', attempts: 3 });
    expect(String(failure)).toMatch(/changed by other writers during each of 3 update attempts.*retry/);
    expect(await contended.store.getDocument('d')).toBe('[1,2,3]');
  });

  it('passes on an error of the update function and writes nothing', async () => {
    const store = new MemoryStore();
    await expect(
      updateDocument(store, 'd', () => {
        throw new Error('bad edit');
      }),
    ).rejects.toThrow('bad edit');
    expect(await store.getDocument('d')).toBeUndefined();
  });
});
