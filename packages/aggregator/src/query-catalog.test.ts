import { describe, expect, it } from 'vitest';
import { anthropicModels, openrouterModels, togetherModels } from './__fixtures__/sample-models.ts';
import { CatalogQuery } from './catalog-query.ts';
import { MergedCatalogBuilder } from './merged-catalog-builder.ts';
import { InvalidCursorError, queryCatalog } from './query-catalog.ts';

const builder = new MergedCatalogBuilder();
builder.setProvider('openrouter', openrouterModels);
builder.setProvider('anthropic', anthropicModels);
builder.setProvider('together', togetherModels);
const models = builder.models();
const ids = (query: Record<string, unknown>) =>
  queryCatalog(models, CatalogQuery.parse(query)).models.map((m) => m.canonicalId);

describe('queryCatalog', () => {
  it('returns everything sorted by canonical id without filters', () => {
    expect(ids({})).toEqual([
      'anthropic/claude-3.5-sonnet',
      'baai/bge-large-en-v1.5',
      'meta-llama/llama-3.3-70b-instruct',
      'meta-llama/llama-3.3-70b-instruct-turbo',
    ]);
  });

  it('filters by provider, modality, capability, kind and minimum context', () => {
    expect(ids({ provider: 'anthropic' })).toEqual(['anthropic/claude-3.5-sonnet']);
    expect(ids({ provider: 'anthropic,together' })).toHaveLength(4);
    expect(ids({ inputModality: 'image' })).toEqual(['anthropic/claude-3.5-sonnet']);
    expect(ids({ outputModality: 'embedding' })).toEqual(['baai/bge-large-en-v1.5']);
    expect(ids({ capability: ['tools', 'vision'] })).toEqual(['anthropic/claude-3.5-sonnet']);
    expect(ids({ kind: 'embedding' })).toEqual(['baai/bge-large-en-v1.5']);
    expect(ids({ minContext: '150000' })).toEqual(['anthropic/claude-3.5-sonnet']);
  });

  it('filters by maximum price on the offers, exactly', () => {
    expect(ids({ maxPromptPrice: '0.0000001' })).toEqual([
      'baai/bge-large-en-v1.5',
      'meta-llama/llama-3.3-70b-instruct',
    ]);
    expect(ids({ maxPromptPrice: '0.0000001', provider: 'together' })).toEqual([
      'baai/bge-large-en-v1.5',
      'meta-llama/llama-3.3-70b-instruct',
    ]);
    expect(ids({ maxCompletionPrice: '0.0000001', provider: 'together' })).toEqual([]);
  });

  it('searches ids and names, case-insensitively', () => {
    expect(ids({ q: 'SONNET' })).toEqual(['anthropic/claude-3.5-sonnet']);
    expect(ids({ q: 'claude-3-5-sonnet-20241022' })).toEqual(['anthropic/claude-3.5-sonnet']);
    expect(ids({ q: 'turbo' })).toEqual(['meta-llama/llama-3.3-70b-instruct-turbo']);
  });

  it('sorts by price, context, newest and name with unknown values last', () => {
    expect(ids({ sort: 'price' })).toEqual([
      'meta-llama/llama-3.3-70b-instruct',
      'baai/bge-large-en-v1.5',
      'meta-llama/llama-3.3-70b-instruct-turbo',
      'anthropic/claude-3.5-sonnet',
    ]);
    expect(ids({ sort: 'context' })[0]).toBe('anthropic/claude-3.5-sonnet');
    expect(ids({ sort: 'context' }).at(-1)).toBe('baai/bge-large-en-v1.5');
    expect(ids({ sort: 'newest' }).slice(0, 2)).toEqual([
      'meta-llama/llama-3.3-70b-instruct',
      'meta-llama/llama-3.3-70b-instruct-turbo',
    ]);
    expect(ids({ sort: 'newest' }).at(-1)).toBe('baai/bge-large-en-v1.5');
    expect(ids({ sort: 'name' })[0]).toBe('baai/bge-large-en-v1.5');
  });

  it('pages with a cursor in a stable order, for every sort', () => {
    for (const sort of ['id', 'name', 'price', 'context', 'newest']) {
      const all = ids({ sort });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = queryCatalog(models, CatalogQuery.parse({ sort, limit: 3, ...(cursor ? { cursor } : {}) }));
        expect(page.total).toBe(4);
        seen.push(...page.models.map((m) => m.canonicalId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    }
  });

  it('refuses a cursor from another sort or a forged one', () => {
    const page = queryCatalog(models, CatalogQuery.parse({ sort: 'price', limit: 1 }));
    expect(() => queryCatalog(models, CatalogQuery.parse({ sort: 'name', cursor: page.nextCursor }))).toThrow(
      InvalidCursorError,
    );
    expect(() => queryCatalog(models, CatalogQuery.parse({ cursor: 'garbage!' }))).toThrow(/cursor is invalid/);
  });

  it('validates query parameters with messages that name the parameter', () => {
    const bad = CatalogQuery.safeParse({ minContext: 'lots', inputModality: 'smell', maxPromptPrice: '-1' });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['minContext', 'inputModality', 'maxPromptPrice']));
    expect(CatalogQuery.safeParse({ limit: 0 }).success).toBe(false);
    expect(CatalogQuery.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
