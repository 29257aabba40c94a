import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { chutes, createChutes } from './chutes-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createChutes,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt' },
  expected: {
    count: 5,
    sample: {
      id: 'deepseek-ai/DeepSeek-V3.1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      contextLength: 163840,
      maxOutputTokens: 65536,
      // $0.20 / $0.80 per million tokens
      pricing: { prompt: '0.0000002', completion: '0.0000008' },
      capabilities: { tools: true, structuredOutput: true, reasoning: true, vision: false },
    },
  },
});

describe('chutes specifics', () => {
  const upstream = useUpstreamServer();

  it('converts per-1M prices once, keeps free models free, groups re-hosted models by their root', async () => {
    upstream.serveFixtures(fixturesDir, chutes.baseURL);
    const { models } = await createChutes({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('moonshotai/Kimi-K2-Instruct-0905')?.pricing).toEqual({
      prompt: '0.00000039',
      completion: '0.0000019',
      cacheRead: '0.000000195',
    });
    expect(byId.get('zai-org/GLM-4.5-Air')?.pricing).toEqual({ prompt: '0', completion: '0' });
    expect(byId.get('unsloth/gemma-3-27b-it')).toMatchObject({
      canonicalId: 'google/gemma-3-27b-it',
      contextLength: 131072,
      capabilities: { vision: true },
    });
  });
});
