import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createHuggingFace, huggingFace } from './huggingface-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createHuggingFace,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'providers.0.context_length', price: 'providers.0.pricing.input' },
  expected: {
    count: 4,
    skipped: 1,
    sample: {
      id: 'meta-llama/Llama-3.3-70B-Instruct',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      // all from one offer, the cheapest live inference provider (nebius): $0.13 / $0.40 per 1M, 131072
      // tokens; nebius does not say whether it supports tools, so that stays absent
      contextLength: 131072,
      pricing: { prompt: '0.00000013', completion: '0.0000004' },
      capabilities: { vision: false },
    },
  },
});

describe('huggingface specifics', () => {
  const upstream = useUpstreamServer();

  it('carries one offer consistently (the cheapest live one), and skips staging-only models', async () => {
    upstream.serveFixtures(fixturesDir, huggingFace.baseURL);
    const { models, skipped } = await createHuggingFace({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    // novita is cheaper than fireworks-ai: novita's price AND novita's context (not fireworks' 163840),
    // and novita says nothing about tools (fireworks' supports_tools is not borrowed).
    const deepseek = byId.get('deepseek-ai/DeepSeek-V3.1')!;
    expect(deepseek).toMatchObject({
      contextLength: 131072,
      pricing: { prompt: '0.00000027', completion: '0.000001' },
    });
    expect(deepseek.capabilities).toEqual({ vision: false });
    // No live provider has a price: the first live one's facts, and no price.
    expect(byId.get('openai/gpt-oss-20b')).toMatchObject({ contextLength: 131072 });
    expect(byId.get('openai/gpt-oss-20b')?.pricing).toBeUndefined();
    expect(byId.get('Qwen/Qwen2.5-VL-7B-Instruct')?.capabilities?.vision).toBe(true);
    expect(skipped.map((s) => s.id)).toEqual(['zai-org/GLM-4.6']);
  });
});
