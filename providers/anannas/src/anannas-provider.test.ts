import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { anannas, createAnannas } from './anannas-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createAnannas,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt' },
  expected: {
    count: 6,
    sample: {
      id: 'openai/gpt-4o-mini',
      canonicalId: 'openai/gpt-4o-mini',
      name: 'GPT-4o mini',
      contextLength: 128000,
      pricing: { prompt: '0.00000015', completion: '0.0000006', request: '0' },
      inputModalities: ['text', 'image'],
      capabilities: { tools: true, vision: true, structuredOutput: true, reasoning: false },
    },
  },
});

describe('anannas specifics', () => {
  const upstream = useUpstreamServer();

  it('reads capabilities only when listed', async () => {
    upstream.serveFixtures(fixturesDir, anannas.baseURL);
    const { models } = await createAnannas({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('deepseek/deepseek-r1')?.capabilities).toEqual({
      tools: false,
      vision: false,
      structuredOutput: false,
      reasoning: true,
    });
    expect(byId.get('meta-llama/llama-3.1-8b-instruct')?.capabilities).toBeUndefined();
    expect(byId.get('meta-llama/llama-3.1-8b-instruct')?.pricing).toEqual({
      prompt: '0.00000002',
      completion: '0.00000005',
    });
  });
});
