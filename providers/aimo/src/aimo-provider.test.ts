import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { aimo, createAimo } from './aimo-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createAimo,
  fixturesDir,
  entryFields: { id: 'name', contextLength: 'context_length', price: 'providers.0.pricing.prompt' },
  expected: {
    count: 4,
    sample: {
      id: 'deepseek/deepseek-chat-v3.1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      name: 'DeepSeek V3.1',
      contextLength: 163840,
      // the cheaper of the two serving nodes
      pricing: { prompt: '0.00000025', completion: '0.0000012' },
    },
  },
});

describe('aimo specifics', () => {
  const upstream = useUpstreamServer();

  it('leaves a model without serving providers unpriced and reads vision from modalities', async () => {
    upstream.serveFixtures(fixturesDir, aimo.baseURL);
    const { models } = await createAimo({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('meta-llama/llama-3.3-70b-instruct')?.pricing).toBeUndefined();
    expect(byId.get('google/gemma-3-27b-it')?.capabilities).toEqual({ vision: true });
  });
});
