import { describe, expect, it } from 'vitest';
import { sameJsonValue } from './same-json-value.ts';

describe('sameJsonValue', () => {
  it('compares content, not identity or key order', () => {
    const a = { id: 'x', pricing: { prompt: '0.1', completion: '0.2' }, inputModalities: ['text', 'image'] };
    const b = { inputModalities: ['text', 'image'], pricing: { completion: '0.2', prompt: '0.1' }, id: 'x' };
    expect(sameJsonValue(a, b)).toBe(true);
    expect(sameJsonValue([1, 'a', null, true], [1, 'a', null, true])).toBe(true);
  });

  it('sees every kind of difference', () => {
    const base = { id: 'x', pricing: { prompt: '0.1' }, tags: ['a'] };
    expect(sameJsonValue(base, { ...base, id: 'y' })).toBe(false);
    expect(sameJsonValue(base, { ...base, pricing: { prompt: '0.2' } })).toBe(false);
    expect(sameJsonValue(base, { ...base, tags: ['a', 'b'] })).toBe(false);
    expect(sameJsonValue(base, { ...base, extra: 1 })).toBe(false);
    const { tags: _tags, ...fewer } = base;
    expect(sameJsonValue(base, fewer)).toBe(false);
    expect(sameJsonValue({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJsonValue([1], { 0: 1 })).toBe(false);
    expect(sameJsonValue({ 0: 1 }, [1])).toBe(false);
    expect(sameJsonValue(1, '1')).toBe(false);
    expect(sameJsonValue(null, {})).toBe(false);
  });
});

describe('sameJsonValue on records shaped like a catalog', () => {
  it('tells a record with an undefined-valued key from one without that key, either way round', () => {
    expect(sameJsonValue({ id: 'x', name: undefined }, { id: 'x' })).toBe(false);
    expect(sameJsonValue({ id: 'x' }, { id: 'x', name: undefined })).toBe(false);
    expect(sameJsonValue({ id: 'x', name: undefined }, { id: 'x', name: undefined })).toBe(true);
  });

  it('compares frozen and null-prototype objects by content', () => {
    const frozen = Object.freeze({ id: 'x', pricing: Object.freeze({ prompt: '0.1' }) });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { pricing: { prompt: '0.1' }, id: 'x' });
    expect(sameJsonValue(frozen, bare)).toBe(true);
    expect(sameJsonValue(bare, { ...frozen, pricing: { prompt: '0.2' } })).toBe(false);
  });
});
