import { describe, expect, it } from 'vitest';
import { contentVersion, deepFreeze, envelopeMeta, freezeParsed, parseEnvelopeMeta } from './envelope.ts';

describe('freezeParsed', () => {
  it('freezes every part of a parsed value, also below a part frozen already', () => {
    const value = JSON.parse('{"list":[{"id":"a","tags":["x"]},{"id":"b","pricing":{"prompt":"1"}}],"n":null}') as {
      list: [{ tags: string[] }, { pricing: object }];
      extra?: object;
    };
    const inner = { deep: [1] };
    value.extra = Object.freeze({ inner });
    expect(freezeParsed(value)).toBe(value);
    for (const part of [
      value,
      value.list,
      value.list[0],
      value.list[0].tags,
      value.list[1].pricing,
      inner,
      inner.deep,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(freezeParsed(null)).toBeNull();
    expect(freezeParsed(7)).toBe(7);
  });
});

describe('deepFreeze', () => {
  it('freezes every object and array of a JSON-like value, in place', () => {
    const value = JSON.parse('[{"id":"a","pricing":{"prompt":"1"},"tags":["x",{"deep":[1,2]}]},null,3]') as unknown[];
    expect(deepFreeze(value)).toBe(value);
    const first = value[0] as { pricing: object; tags: [string, { deep: number[] }] };
    for (const inner of [value, first, first.pricing, first.tags, first.tags[1], first.tags[1].deep]) {
      expect(Object.isFrozen(inner)).toBe(true);
    }
    expect(() => (first.tags[1].deep as number[]).push(3)).toThrow(TypeError);
  });

  it('returns primitives and null as they are', () => {
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('text')).toBe('text');
    expect(deepFreeze(4)).toBe(4);
  });

  it('takes an object frozen already as frozen all the way down (it is not walked again)', () => {
    const inner = { n: 1 };
    const outer = Object.freeze({ inner });
    deepFreeze(outer);
    expect(Object.isFrozen(inner)).toBe(false);
  });
});

describe('contentVersion', () => {
  it('is the same for the same JSON and differs for other JSON', () => {
    expect(contentVersion('[1,2]')).toBe(contentVersion('[1,2]'));
    expect(contentVersion('[1,2]')).not.toBe(contentVersion('[2,1]'));
    expect(contentVersion('[1,2]')).toMatch(/^[\w-]{22}$/);
  });
});

describe('parseEnvelopeMeta', () => {
  const meta = { fetchedAt: 1, freshUntil: 2, staleUntil: 3, expiresAt: 4, version: 'v', writtenAt: 1, fence: 7 };

  it('keeps exactly the metadata fields of well-formed input', () => {
    expect(parseEnvelopeMeta({ ...meta, value: [1], extra: true })).toEqual(meta);
    const { fence: _fence, ...unfenced } = meta;
    expect(parseEnvelopeMeta(unfenced)).toEqual(unfenced);
  });

  it('refuses malformed input', () => {
    expect(parseEnvelopeMeta(undefined)).toBeUndefined();
    expect(parseEnvelopeMeta('meta')).toBeUndefined();
    expect(parseEnvelopeMeta({ ...meta, freshUntil: '2' })).toBeUndefined();
    expect(parseEnvelopeMeta({ ...meta, expiresAt: Number.NaN })).toBeUndefined();
    expect(parseEnvelopeMeta({ ...meta, version: 3 })).toBeUndefined();
    expect(parseEnvelopeMeta({ ...meta, fence: '7' })).toBeUndefined();
  });
});

describe('envelopeMeta', () => {
  it('is the envelope without its value', () => {
    const envelope = {
      value: [1],
      fetchedAt: 1,
      freshUntil: 2,
      staleUntil: 3,
      expiresAt: 4,
      version: 'v',
      writtenAt: 1,
    };
    expect(envelopeMeta(envelope)).toEqual({
      fetchedAt: 1,
      freshUntil: 2,
      staleUntil: 3,
      expiresAt: 4,
      version: 'v',
      writtenAt: 1,
    });
  });
});
