import { describe, expect, it } from 'vitest';
import { CatalogModel, DecimalString } from './catalog-model.ts';

const minimal = { id: 'gpt-4o', provider: 'openai', canonicalId: 'openai/gpt-4o' };

describe('CatalogModel', () => {
  it('accepts a minimal and a full record', () => {
    expect(CatalogModel.parse(minimal)).toEqual(minimal);
    const full = {
      ...minimal,
      name: 'GPT-4o',
      kind: 'chat',
      contextLength: 128000,
      maxOutputTokens: 16384,
      pricing: { prompt: '0.0000025', completion: '0.00001', cacheRead: '0.00000125' },
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
      capabilities: { tools: true, vision: true },
      aliases: ['gpt-4o-2024-08-06'],
      created: '2024-05-13T00:00:00.000Z',
    };
    expect(CatalogModel.parse(full)).toEqual(full);
  });

  it('refuses invented or malformed facts', () => {
    expect(CatalogModel.safeParse({ ...minimal, contextLength: 0 }).success).toBe(false);
    expect(CatalogModel.safeParse({ ...minimal, pricing: { prompt: 3e-6 } }).success).toBe(false);
    expect(CatalogModel.safeParse({ ...minimal, provider: 'Open AI' }).success).toBe(false);
    expect(CatalogModel.safeParse({ ...minimal, surprise: true }).success).toBe(false);
    expect(CatalogModel.safeParse({ ...minimal, created: 'yesterday' }).success).toBe(false);
  });

  it('prices are exact non-negative decimal strings', () => {
    for (const ok of ['0', '0.000003', '15', '1.5']) expect(DecimalString.safeParse(ok).success).toBe(true);
    for (const bad of ['-1', '1e-6', '.5', '01', 'abc', '']) expect(DecimalString.safeParse(bad).success).toBe(false);
  });
});
