import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createNovita, novita } from './novita-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createNovita,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_size', price: 'input_token_price_per_m' },
  expected: {
    count: 5,
    sample: {
      id: 'deepseek/deepseek-v3.1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      name: 'DeepSeek V3.1',
      contextLength: 131072,
      maxOutputTokens: 32768,
      // 2700 and 10000 in 1/10 000 USD per 1M tokens = $0.27 and $1.00 per 1M
      pricing: { prompt: '0.00000027', completion: '0.000001' },
      capabilities: { tools: true, structuredOutput: true, reasoning: true, vision: false },
    },
  },
});

describe('novita specifics', () => {
  const upstream = useUpstreamServer();

  it('converts the integer price unit exactly and classifies embeddings and vision models', async () => {
    upstream.serveFixtures(fixturesDir, novita.baseURL);
    const { models } = await createNovita({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('meta-llama/llama-3.1-8b-instruct')?.pricing).toEqual({
      prompt: '0.00000002',
      completion: '0.00000005',
    });
    expect(byId.get('baai/bge-m3')).toMatchObject({
      kind: 'embedding',
      outputModalities: ['embedding'],
      pricing: { prompt: '0.00000001', completion: '0' },
    });
    expect(byId.get('qwen/qwen2.5-vl-72b-instruct')?.capabilities?.vision).toBe(true);
  });
});
