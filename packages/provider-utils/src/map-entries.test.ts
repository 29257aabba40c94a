import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapEntries } from './map-entries.ts';

const Entry = z.object({ id: z.string(), context: z.number().optional() });

describe('mapEntries', () => {
  it('keeps the good entries and skips the bad ones with reasons', () => {
    const result = mapEntries(
      'example',
      [{ id: 'a', context: 8192 }, { id: 42 }, 'junk', { id: 'b' }, { id: 'a' }],
      Entry,
      (entry) => ({ id: entry.id, canonicalId: `x/${entry.id}`, contextLength: entry.context }),
    );
    expect(result.models).toEqual([
      { id: 'a', provider: 'example', canonicalId: 'x/a', contextLength: 8192 },
      { id: 'b', provider: 'example', canonicalId: 'x/b' },
    ]);
    expect(result.skipped).toHaveLength(3);
    expect(result.skipped[0]?.reason).toMatch(/^invalid entry: id:/);
    expect(result.skipped[2]).toEqual({ id: 'a', reason: 'duplicate id (first occurrence kept)' });
  });

  it('skips records the unified schema refuses, and ones the mapper drops', () => {
    const result = mapEntries('example', [{ id: 'neg', context: -5 }, { id: 'drop' }], Entry, (entry) =>
      entry.id === 'drop' ? undefined : { id: entry.id, canonicalId: entry.id, contextLength: entry.context },
    );
    expect(result.models).toEqual([]);
    expect(result.skipped.map((s) => s.id)).toEqual(['neg', 'drop']);
    expect(result.skipped[0]?.reason).toContain('contextLength');
  });

  it('drops empty pricing and modality fields instead of storing them', () => {
    const result = mapEntries('example', [{ id: 'a' }], Entry, (entry) => ({
      id: entry.id,
      canonicalId: entry.id,
      pricing: { prompt: undefined },
      inputModalities: [],
    }));
    expect(result.models[0]).toEqual({ id: 'a', provider: 'example', canonicalId: 'a' });
  });
});
