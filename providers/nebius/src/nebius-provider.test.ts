import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createNebius, nebius } from './nebius-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createNebius,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt' },
  expected: {
    count: 5,
    sample: {
      id: 'meta-llama/Llama-3.3-70B-Instruct',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      contextLength: 131072,
      pricing: { prompt: '0.00000013', completion: '0.0000004' },
      capabilities: { tools: true, structuredOutput: true, reasoning: false, vision: false },
    },
  },
});

describe('nebius specifics', () => {
  const upstream = useUpstreamServer();

  it('asks for the verbose list and reads modality arrows', async () => {
    upstream.serveFixtures(fixturesDir, nebius.baseURL);
    const { models } = await createNebius({ apiKey: 'k', env: {} }).fetchModels();
    expect(upstream.calls[0]?.url.searchParams.get('verbose')).toBe('true');
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('Qwen/Qwen2.5-VL-72B-Instruct')).toMatchObject({
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    expect(byId.get('BAAI/bge-en-icl')).toMatchObject({ kind: 'embedding', outputModalities: ['embedding'] });
  });
});
