import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createHuggingFace, huggingFace } from './huggingface-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createHuggingFace,
  fixturesDir,
  expected: {
    count: 4,
    skipped: 1,
    sample: {
      id: 'meta-llama/Llama-3.3-70B-Instruct',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      contextLength: 131072,
      // the cheapest live inference provider (nebius): $0.13 / $0.40 per 1M
      pricing: { prompt: '0.00000013', completion: '0.0000004' },
      capabilities: { tools: true, structuredOutput: true, vision: false },
    },
  },
});

describe('huggingface specifics', () => {
  const upstream = useUpstreamServer();

  it('takes the largest live context and the cheapest live price, and skips staging-only models', async () => {
    upstream.serveFixtures(fixturesDir, huggingFace.baseURL);
    const { models, skipped } = await createHuggingFace({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('deepseek-ai/DeepSeek-V3.1')).toMatchObject({
      contextLength: 163840,
      pricing: { prompt: '0.00000027', completion: '0.000001' },
    });
    expect(byId.get('openai/gpt-oss-20b')?.pricing).toBeUndefined();
    expect(byId.get('Qwen/Qwen2.5-VL-7B-Instruct')?.capabilities?.vision).toBe(true);
    expect(skipped.map((s) => s.id)).toEqual(['zai-org/GLM-4.6']);
  });
});
