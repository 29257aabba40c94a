import { PaginationError } from '@catalog/provider-contract';
import { describe, expect, it } from 'vitest';
import { collectPages } from './collect-pages.ts';

describe('collectPages', () => {
  it('follows cursors to the last page', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      start: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [4] },
    };
    const cursors: unknown[] = [];
    const items = await collectPages({
      provider: 'p',
      url: 'https://x.test',
      fetchPage: async (cursor) => {
        cursors.push(cursor);
        return pages[String(cursor ?? 'start')]!;
      },
    });
    expect(items).toEqual([1, 2, 3, 4]);
    expect(cursors).toEqual([undefined, 'b', 'c']);
  });

  it('stops on an empty page even if a cursor is given', async () => {
    const items = await collectPages({
      provider: 'p',
      url: 'u',
      fetchPage: async () => ({ items: [], next: 'again' }),
    });
    expect(items).toEqual([]);
  });

  it('refuses a repeated cursor and too many pages', async () => {
    await expect(
      collectPages({ provider: 'p', url: 'u', fetchPage: async () => ({ items: [1], next: 'same' }) }),
    ).rejects.toSatisfy((e) => PaginationError.isInstance(e) && /repeated/.test((e as Error).message));
    let n = 0;
    await expect(
      collectPages({ provider: 'p', url: 'u', maxPages: 3, fetchPage: async () => ({ items: [n], next: n++ }) }),
    ).rejects.toSatisfy((e) => PaginationError.isInstance(e) && /more than 3 pages/.test((e as Error).message));
  });
});
