import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createNear, near } from './near-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createNear,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt' },
  expected: {
    count: 5,
    sample: {
      id: 'deepseek-ai/DeepSeek-V3.1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      name: 'DeepSeek V3.1',
      contextLength: 128000,
      maxOutputTokens: 32768,
      pricing: { prompt: '0.00000105', completion: '0.0000031', image: '0', request: '0' },
      capabilities: { tools: true, structuredOutput: true, reasoning: true, vision: false },
    },
  },
});

describe('near specifics', () => {
  const upstream = useUpstreamServer();

  it('falls back to per-1M prices when per-token strings are absent, and reads deprecation dates', async () => {
    upstream.serveFixtures(fixturesDir, near.baseURL);
    const { models } = await createNear({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('openai/gpt-oss-120b')?.pricing).toEqual({ prompt: '0.0000002', completion: '0.0000006' });
    expect(byId.get('zai-org/GLM-4.6')?.pricing).toEqual({ prompt: '0.00000075', completion: '0.000002' });
    expect(byId.get('meta-llama/Llama-3.3-70B-Instruct')?.deprecatedAt).toBe('2025-12-31T00:00:00.000Z');
  });
});
