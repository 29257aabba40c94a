import { describe, expect, it } from 'vitest';
import { anthropicModels, openrouterModels, record, togetherModels } from './__fixtures__/sample-models.ts';
import { MergedCatalogBuilder } from './merged-catalog-builder.ts';

function build() {
  const builder = new MergedCatalogBuilder();
  builder.setProvider('openrouter', openrouterModels);
  builder.setProvider('anthropic', anthropicModels);
  builder.setProvider('together', togetherModels);
  return builder;
}

describe('MergedCatalogBuilder', () => {
  it('merges the same model across providers into one entry with one offer each, cheapest first', () => {
    const builder = build();
    const llama = builder.get('meta-llama/llama-3.3-70b-instruct')!;
    expect(llama.providers).toEqual(['openrouter', 'together']);
    expect(llama.offers.map((o) => [o.provider, o.id, o.cheapest])).toEqual([
      ['openrouter', 'meta-llama/llama-3.3-70b-instruct:free', true],
      ['together', 'meta-llama/Llama-3.3-70B-Instruct', false],
      ['openrouter', 'meta-llama/llama-3.3-70b-instruct', false],
    ]);
    expect(llama.contextLength).toBe(131072);
    expect(llama.name).toBe('Llama 3.3 70B Instruct');
  });

  it('unions modalities and capabilities, keeps the earliest creation date', () => {
    const sonnet = build().get('anthropic/claude-3.5-sonnet')!;
    expect(sonnet.providers).toEqual(['anthropic', 'openrouter']);
    expect(sonnet.inputModalities).toEqual(['image', 'text']);
    expect(sonnet.capabilities).toEqual({ tools: true, vision: true });
    expect(sonnet.maxOutputTokens).toBe(8192);
    // Only the OpenRouter offer has a price: it is the cheapest; the unpriced one sorts last.
    expect(sonnet.offers.map((o) => [o.provider, o.cheapest])).toEqual([
      ['openrouter', true],
      ['anthropic', false],
    ]);
    expect(sonnet.offers[0]).not.toHaveProperty('canonicalId');
  });

  it('keeps a stable order by canonical id and returns the same array until a change', () => {
    const builder = build();
    const ids = builder.models().map((m) => m.canonicalId);
    expect(ids).toEqual([...ids].sort());
    expect(builder.models()).toBe(builder.models());
    const before = builder.models();
    builder.setProvider('anthropic', anthropicModels.slice(1));
    expect(builder.models()).not.toBe(before);
  });

  it('merges nothing again when a provider list is refetched with equal records', () => {
    const builder = build();
    const before = builder.models();
    const sonnet = builder.get('anthropic/claude-3.5-sonnet');
    expect(builder.setProvider('anthropic', structuredClone(anthropicModels))).toEqual(new Set());
    expect(builder.models()).toBe(before);
    expect(builder.get('anthropic/claude-3.5-sonnet')).toBe(sonnet);
  });

  it('merges again only the canonical ids whose records changed, keeping the others as they were', () => {
    const builder = build();
    const untouched = builder.get('meta-llama/llama-3.3-70b-instruct');
    const changed = togetherModels.map((m) =>
      m.canonicalId === 'baai/bge-large-en-v1.5' ? { ...m, contextLength: 1024 } : structuredClone(m),
    );
    expect(builder.setProvider('together', changed)).toEqual(new Set(['baai/bge-large-en-v1.5']));
    expect(builder.get('meta-llama/llama-3.3-70b-instruct')).toBe(untouched);
    expect(builder.get('baai/bge-large-en-v1.5')?.contextLength).toBe(1024);
    // The same as merging every list from scratch.
    const fresh = new MergedCatalogBuilder();
    fresh.setProvider('openrouter', openrouterModels);
    fresh.setProvider('anthropic', anthropicModels);
    fresh.setProvider('together', changed);
    expect(builder.models()).toEqual(fresh.models());
  });

  it('rebuilds only what one provider touches, and drops entries nobody offers any more', () => {
    const builder = build();
    const untouched = builder.get('baai/bge-large-en-v1.5');
    const touched = builder.setProvider('openrouter', [
      record('openrouter', 'new/model', 'new/model', { name: 'New' }),
    ]);
    expect([...touched].sort()).toEqual([
      'anthropic/claude-3.5-sonnet',
      'meta-llama/llama-3.3-70b-instruct',
      'new/model',
    ]);
    expect(builder.get('baai/bge-large-en-v1.5')).toBe(untouched);
    expect(builder.get('anthropic/claude-3.5-sonnet')?.providers).toEqual(['anthropic']);
    builder.removeProvider('anthropic');
    expect(builder.get('anthropic/claude-3.5-sonnet')).toBeUndefined();
    expect(builder.models().map((m) => m.canonicalId)).toContain('new/model');
    expect(builder.providers()).toEqual(['openrouter', 'together']);
  });

  it('hands out frozen entries', () => {
    const model = build().get('anthropic/claude-3.5-sonnet')!;
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.offers[0])).toBe(true);
  });

  it('keeps the order and entries of a from-scratch merge through changes of any size', () => {
    const list = (from: number, to: number, step = 1) => {
      const models = [];
      for (let i = from; i < to; i += step) models.push(record('p', `m-${i}`, `x/m-${String(i).padStart(3, '0')}`));
      return models;
    };
    const builder = new MergedCatalogBuilder();
    builder.setProvider('q', list(0, 200, 3));
    for (const next of [list(0, 100), list(1, 101), list(50, 250, 2), list(0, 300, 7), [], list(0, 5)]) {
      builder.setProvider('p', next);
      const fresh = new MergedCatalogBuilder();
      fresh.setProvider('q', list(0, 200, 3));
      fresh.setProvider('p', next);
      expect(builder.models()).toEqual(fresh.models());
      const ids = builder.models().map((m) => m.canonicalId);
      expect(ids).toEqual([...new Set(ids)].sort());
      for (const id of ids) expect(builder.get(id)?.canonicalId).toBe(id);
    }
  });
});
