import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { aiHubMix, createAIHubMix } from './aihubmix-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createAIHubMix,
  fixturesDir,
  entryFields: { id: 'model_id', contextLength: 'context_length', price: 'pricing.input' },
  expected: {
    count: 6,
    sample: {
      id: 'gpt-4o-mini',
      canonicalId: 'openai/gpt-4o-mini',
      kind: 'chat',
      contextLength: 128000,
      maxOutputTokens: 16384,
      // gpt-4o-mini is $0.15 / $0.60 per 1M: the list's 0.15 / 0.6 are per million, not per thousand
      pricing: { prompt: '0.00000015', completion: '0.0000006', cacheRead: '0.000000075' },
      inputModalities: ['text', 'image'],
      capabilities: { tools: true, structuredOutput: true, reasoning: false, vision: true },
    },
  },
});

describe('aihubmix specifics', () => {
  const upstream = useUpstreamServer();

  it('splits comma-separated fields and classifies image and embedding models', async () => {
    upstream.serveFixtures(fixturesDir, aiHubMix.baseURL);
    const { models } = await createAIHubMix({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('gemini-2.5-flash')?.inputModalities).toEqual(['text', 'image', 'audio', 'video']);
    expect(byId.get('claude-sonnet-4-20250514')?.capabilities?.reasoning).toBe(true);
    expect(byId.get('gpt-image-1')).toMatchObject({ kind: 'image', outputModalities: ['image'] });
    expect(byId.get('gpt-image-1')?.capabilities).toBeUndefined();
    expect(byId.get('text-embedding-3-large')).toMatchObject({
      kind: 'embedding',
      pricing: { prompt: '0.00000013', completion: '0' },
    });
  });
});
