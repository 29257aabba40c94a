import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { canopyWave, createCanopyWave } from './canopywave-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createCanopyWave,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt' },
  expected: {
    count: 6,
    sample: {
      id: 'deepseek/deepseek-v3.1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      kind: 'chat',
      contextLength: 131072,
      // $0.27 / $1.00 per million tokens
      pricing: { prompt: '0.00000027', completion: '0.000001' },
      capabilities: { tools: true, structuredOutput: true, reasoning: true },
    },
  },
});

describe('canopywave specifics', () => {
  const upstream = useUpstreamServer();

  it('reads context from capabilities when the top level has none, and keeps embeddings', async () => {
    upstream.serveFixtures(fixturesDir, canopyWave.baseURL);
    const { models } = await createCanopyWave({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('moonshotai/kimi-k2-instruct-0905')?.contextLength).toBe(262144);
    expect(byId.get('qwen/qwen3-coder-480b-a35b-instruct')?.pricing).toEqual({
      prompt: '0.0000004',
      completion: '0.0000016',
    });
    expect(byId.get('qwen/qwen3-coder-480b-a35b-instruct')?.capabilities).toBeUndefined();
    expect(byId.get('BAAI/bge-m3')).toMatchObject({
      kind: 'embedding',
      outputModalities: ['embedding'],
      pricing: { prompt: '0.00000001' },
    });
  });
});
