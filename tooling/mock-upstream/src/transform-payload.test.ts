import { describe, expect, it } from 'vitest';
import * as hostile from './hostile-strings.ts';
import { transformPayload } from './transform-payload.ts';

describe('transformPayload', () => {
  it('repeats lists with suffixed ids and keeps a ratio', () => {
    const text = JSON.stringify({ data: [{ id: 'a' }, { id: 'b' }] });
    expect(JSON.parse(transformPayload(text, { inflate: 2 }))).toEqual({
      data: [{ id: 'a' }, { id: 'b' }, { id: 'a-x1' }, { id: 'b-x1' }],
    });
    expect(JSON.parse(transformPayload(text, { keepRatio: 0.5 }))).toEqual({ data: [{ id: 'a' }] });
  });

  it('duplicates ids, appends invalid entries and added models', () => {
    const text = JSON.stringify({ data: [{ id: 'a' }, { id: 'b' }] });
    expect(JSON.parse(transformPayload(text, { duplicateIds: true })).data).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'a' },
      { id: 'b' },
    ]);
    const invalid = JSON.parse(transformPayload(text, { invalidEntries: 3 })).data as unknown[];
    expect(invalid.slice(0, 2)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(invalid.slice(2)).toEqual([null, 'not-an-object', {}]);
    expect(JSON.parse(transformPayload(text, { extraModelIds: ['new/one'] })).data).toEqual([
      { id: 'a' },
      { id: 'b' },
      { id: 'new/one' },
    ]);
  });

  it('puts hostile text into text fields and appends hostile, overlong-id and overlong-description entries', () => {
    const text = JSON.stringify([{ model_name: 'm', description: 'plain', type: 'text-generation' }]);
    const list = JSON.parse(transformPayload(text, { hostileStrings: true })) as Record<string, unknown>[];
    expect(list).toEqual([
      { model_name: 'm', description: hostile.HOSTILE_DESCRIPTION, type: 'text-generation' },
      { model_name: hostile.HOSTILE_ID, description: hostile.HOSTILE_DESCRIPTION, type: 'text-generation' },
      { model_name: hostile.OVERLONG_ID, description: 'plain', type: 'text-generation' },
      {
        model_name: hostile.OVERLONG_DESCRIPTION_ID,
        description: hostile.OVERLONG_DESCRIPTION,
        type: 'text-generation',
      },
    ]);
    // A name beside an id is display text; a name alone is the id.
    const named = JSON.parse(
      transformPayload(JSON.stringify({ data: [{ id: 'x', name: 'X' }] }), { hostileStrings: true }),
    );
    expect(named.data[0]).toEqual({ id: 'x', name: hostile.HOSTILE_NAME });
    // The strings survive JSON both ways, lone surrogates included.
    expect(hostile.HOSTILE_DESCRIPTION).toContain('\uD800');
    expect(JSON.parse(JSON.stringify(hostile.HOSTILE_DESCRIPTION))).toBe(hostile.HOSTILE_DESCRIPTION);
    expect(hostile.HOSTILE_ID.length).toBeLessThanOrEqual(512);
    expect(hostile.OVERLONG_ID.length).toBeGreaterThan(512);
    expect(() => encodeURIComponent(hostile.HOSTILE_ID)).not.toThrow();
  });

  it('leaves non-JSON and unchanged payloads alone', () => {
    expect(transformPayload('{oops', { inflate: 2 })).toBe('{oops');
    expect(transformPayload('{"a":1}', {})).toBe('{"a":1}');
  });
});
