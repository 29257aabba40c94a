import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { cerebras, createCerebras } from './cerebras-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createCerebras,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'limits.max_context_length', price: 'pricing.prompt' },
  expected: {
    count: 5,
    sample: {
      id: 'llama-3.3-70b',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      name: 'Llama 3.3 70B',
      contextLength: 65536,
      maxOutputTokens: 8192,
      pricing: { prompt: '0.00000085', completion: '0.0000012' },
      capabilities: { tools: true, structuredOutput: true, vision: false, reasoning: false },
    },
  },
});

describe('cerebras specifics', () => {
  const upstream = useUpstreamServer();

  it('reads the public list, groups by Hugging Face id, keeps deprecation dates and vision', async () => {
    upstream.serveFixtures(fixturesDir, cerebras.baseURL);
    const { models } = await createCerebras({ env: {} }).fetchModels();
    expect(upstream.calls[0]?.url.pathname).toBe('/public/v1/models');
    expect(upstream.calls[0]?.headers.authorization).toBeUndefined();
    const scout = models.find((m) => m.id === 'llama-4-scout-17b-16e-instruct')!;
    expect(scout).toMatchObject({
      deprecatedAt: '2025-11-03T00:00:00.000Z',
      inputModalities: ['text', 'image'],
      canonicalId: 'meta-llama/llama-4-scout-17b-16e-instruct',
    });
  });
});
