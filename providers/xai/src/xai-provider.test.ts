import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createXAI, xai } from './xai-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createXAI,
  fixturesDir,
  entryFields: { id: 'id', price: 'prompt_text_token_price' },
  expected: {
    count: 5,
    sample: {
      id: 'grok-4-0709',
      // The dated snapshot groups with OpenRouter's x-ai/grok-4; the undated ids are its aliases.
      canonicalId: 'x-ai/grok-4',
      kind: 'chat',
      // 30000 and 150000 in 1/100 cent per 1M tokens = $3 and $15 per 1M
      pricing: { prompt: '0.000003', completion: '0.000015', cacheRead: '0.00000075' },
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
      aliases: ['grok-4', 'grok-4-latest'],
    },
  },
});

describe('xai specifics', () => {
  const upstream = useUpstreamServer();

  it('lists image-generation models with a per-image price, unless turned off', async () => {
    upstream.serveFixtures(fixturesDir, xai.baseURL);
    const { models } = await createXAI({ apiKey: 'k', env: {} }).fetchModels();
    expect(models.find((m) => m.id === 'grok-2-image-1212')).toMatchObject({
      kind: 'image',
      pricing: { image: '0.07' },
      outputModalities: ['image'],
    });
    expect(models.find((m) => m.id === 'grok-3-mini')?.pricing).toEqual({
      prompt: '0.0000003',
      completion: '0.0000005',
      cacheRead: '0.000000075',
    });
    const languageOnly = await createXAI({ apiKey: 'k', includeImageModels: false, env: {} }).fetchModels();
    expect(languageOnly.models.map((m) => m.kind)).toEqual(['chat', 'chat', 'chat', 'chat']);
  });
});
