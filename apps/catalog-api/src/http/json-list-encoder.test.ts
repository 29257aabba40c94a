import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import * as gzipParts from './gzip-from-parts.ts';
import { JsonListEncoder } from './json-list-encoder.ts';

interface Item {
  readonly id: string;
  readonly n: number;
}

const items = (count: number, from = 0): Item[] =>
  Array.from({ length: count }, (_, i) => Object.freeze({ id: `provider/model-${from + i}`, n: from + i }));
const prefix = '{"object":"list","data":[';
const suffix = ']}';
const expected = (list: readonly Item[]) => JSON.stringify({ object: 'list', data: list });

describe('JsonListEncoder', () => {
  it('writes the same bytes as JSON.stringify of the whole body, and a gzip of them', () => {
    const encoder = new JsonListEncoder<Item>((item) => JSON.stringify(item), 8);
    for (const list of [[], items(1), items(7), items(1_000)]) {
      const body = encoder.encode(prefix, list, suffix);
      expect(body.identity().toString()).toBe(expected(list));
      expect(body.byteLength).toBe(Buffer.byteLength(expected(list)));
      expect(gunzipSync(body.gzip()).equals(body.identity())).toBe(true);
      expect(body.gzip()).toBe(body.gzip());
    }
  });

  it('serialises and compresses again only the chunks holding new items', () => {
    const serialize = vi.fn((item: Item) => JSON.stringify(item));
    const encoder = new JsonListEncoder<Item>(serialize, 16);
    const list = items(2_000);
    const chunking = vi.spyOn(gzipParts, 'deflatePart');
    const first = encoder.encode(prefix, list, suffix);
    first.gzip();
    expect(serialize).toHaveBeenCalledTimes(2_000);
    // About 2 000 / 16 chunks (their ends are chosen by content), plus the prefix and the suffix.
    expect(chunking.mock.calls.length).toBeGreaterThan(2_000 / 16 / 2);
    expect(chunking.mock.calls.length).toBeLessThan((2_000 / 16) * 2);
    chunking.mockRestore();

    // One item replaced, one removed, one added: the other item objects are the same.
    const next = [...list];
    next[100] = Object.freeze({ ...list[100]!, n: -1 });
    next.splice(900, 1);
    next.splice(1_500, 0, ...items(1, 5_000));
    serialize.mockClear();
    const deflate = vi.spyOn(gzipParts, 'deflatePart');
    const second = encoder.encode(prefix, next, suffix);
    expect(serialize).toHaveBeenCalledTimes(2);
    expect(second.identity().toString()).toBe(expected(next));
    expect(gunzipSync(second.gzip()).equals(second.identity())).toBe(true);
    // The chunks around the three changes (a removed chunk end joins two); prefix and suffix are kept.
    expect(deflate.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(deflate.mock.calls.length).toBeLessThanOrEqual(3 * 2);
    deflate.mockRestore();
  });

  it('gives a list that starts in the middle of a chunk (a page) the right bytes', () => {
    const encoder = new JsonListEncoder<Item>((item) => JSON.stringify(item), 4);
    const list = items(300);
    encoder.encode(prefix, list, suffix).gzip();
    for (const page of [list.slice(37), list.slice(0, 41), list.slice(10, 12)]) {
      const body = encoder.encode(prefix, page, suffix);
      expect(body.identity().toString()).toBe(expected(page));
      expect(gunzipSync(body.gzip()).toString()).toBe(expected(page));
    }
  });

  it('refuses a chunk size that is not a power of two', () => {
    expect(() => new JsonListEncoder<Item>(JSON.stringify, 100)).toThrow(
      new RangeError('averageChunkItems must be a power of two (got 100)'),
    );
  });
});
