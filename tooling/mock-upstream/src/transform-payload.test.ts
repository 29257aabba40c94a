import { describe, expect, it } from 'vitest';
import { transformPayload } from './transform-payload.ts';

describe('transformPayload', () => {
  it('repeats lists with suffixed ids and keeps a ratio', () => {
    const text = JSON.stringify({ data: [{ id: 'a' }, { id: 'b' }] });
    expect(JSON.parse(transformPayload(text, { inflate: 2 }))).toEqual({
      data: [{ id: 'a' }, { id: 'b' }, { id: 'a-x1' }, { id: 'b-x1' }],
    });
    expect(JSON.parse(transformPayload(text, { keepRatio: 0.5 }))).toEqual({ data: [{ id: 'a' }] });
  });

  it('leaves non-JSON and unchanged payloads alone', () => {
    expect(transformPayload('{oops', { inflate: 2 })).toBe('{oops');
    expect(transformPayload('{"a":1}', {})).toBe('{"a":1}');
  });
});
