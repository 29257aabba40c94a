import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createVercelAiGateway, vercelAiGateway } from './vercel-ai-gateway-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createVercelAiGateway,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_window', price: 'pricing.input' },
  expected: {
    count: 6,
    sample: {
      id: 'anthropic/claude-sonnet-4',
      canonicalId: 'anthropic/claude-sonnet-4',
      kind: 'chat',
      contextLength: 200000,
      maxOutputTokens: 64000,
      pricing: { prompt: '0.000003', completion: '0.000015', cacheRead: '0.0000003', cacheWrite: '0.00000375' },
      inputModalities: ['text', 'image'],
      capabilities: { tools: true, vision: true, reasoning: true },
      created: '2025-05-22T00:00:00.000Z',
    },
  },
});

describe('vercel-ai-gateway specifics', () => {
  const upstream = useUpstreamServer();

  it('classifies embeddings and images, keeps the base tier price, and a zero max_tokens stays absent', async () => {
    upstream.serveFixtures(fixturesDir, vercelAiGateway.baseURL);
    const { models } = await createVercelAiGateway({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('openai/text-embedding-3-small')).toMatchObject({
      kind: 'embedding',
      outputModalities: ['embedding'],
      pricing: { prompt: '0.00000002', completion: '0' },
    });
    expect(byId.get('openai/text-embedding-3-small')?.maxOutputTokens).toBeUndefined();
    expect(byId.get('google/imagen-4.0-generate-001')).toMatchObject({ kind: 'image', pricing: { image: '0.04' } });
  });
});
