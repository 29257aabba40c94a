import { describe, expect, it } from 'vitest';
import { anthropicModels, openrouterModels, togetherModels } from './__fixtures__/sample-models.ts';
import { LookupIndex } from './lookup-index.ts';
import { MergedCatalogBuilder } from './merged-catalog-builder.ts';

const builder = new MergedCatalogBuilder();
builder.setProvider('openrouter', openrouterModels);
builder.setProvider('anthropic', anthropicModels);
builder.setProvider('together', togetherModels);
const index = new LookupIndex(builder.models());

describe('LookupIndex', () => {
  it('finds a model by canonical id with every offer', () => {
    const [match] = index.lookup('anthropic/claude-3.5-sonnet');
    expect(match?.matchedBy).toBe('canonical-id');
    expect(match?.offers.map((o) => o.provider)).toEqual(['openrouter', 'anthropic']);
  });

  it('finds a model by a provider-native id, case-insensitively, naming the offer', () => {
    const [match] = index.lookup('Claude-3-5-Sonnet-20241022');
    expect(match?.matchedBy).toBe('provider-id');
    expect(match?.model.canonicalId).toBe('anthropic/claude-3.5-sonnet');
    expect(match?.offers.map((o) => o.provider)).toEqual(['anthropic']);
    const [free] = index.lookup('meta-llama/llama-3.3-70b-instruct:free');
    expect(free?.offers.map((o) => o.id)).toEqual(['meta-llama/llama-3.3-70b-instruct:free']);
  });

  it('finds a model by an alias', () => {
    const [match] = index.lookup('claude-3-5-sonnet-latest');
    expect(match?.matchedBy).toBe('alias');
    expect(match?.offers.map((o) => o.provider)).toEqual(['anthropic']);
  });

  it('finds dated snapshots and routing variants nobody lists by their normalised form', () => {
    const [snapshot] = index.lookup('claude-3-5-sonnet-20240620');
    expect(snapshot?.matchedBy).toBe('normalized');
    expect(snapshot?.model.canonicalId).toBe('anthropic/claude-3.5-sonnet');
    const [nitro] = index.lookup('meta-llama/llama-3.3-70b-instruct:nitro');
    expect(nitro?.model.canonicalId).toBe('meta-llama/llama-3.3-70b-instruct');
  });

  it('answers nothing for unknown or empty ids', () => {
    expect(index.lookup('no/such-model')).toEqual([]);
    expect(index.lookup('   ')).toEqual([]);
  });
});
