import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createOneRouter, oneRouter } from './onerouter-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createOneRouter,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt', sourceIndex: 5 },
  expected: {
    count: 8,
    sample: {
      id: 'deepseek/deepseek-chat-v3.1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      name: 'DeepSeek V3.1',
      contextLength: 163840,
      pricing: { prompt: '0.00000027', completion: '0.0000011' },
    },
  },
});

describe('onerouter specifics', () => {
  const upstream = useUpstreamServer();

  it('groups routing variants with their base model and leaves unknown prices absent', async () => {
    upstream.serveFixtures(fixturesDir, oneRouter.baseURL);
    const { models } = await createOneRouter({ apiKey: 'k', env: {} }).fetchModels();
    const free = models.find((m) => m.id === 'deepseek/deepseek-chat-v3.1:free')!;
    expect(free.canonicalId).toBe('deepseek-ai/deepseek-v3.1');
    expect(free.pricing).toBeUndefined();
    expect(models.find((m) => m.id === 'openai/text-embedding-3-small')?.kind).toBe('embedding');
  });
});
