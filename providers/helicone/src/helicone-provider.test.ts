import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createHelicone, helicone } from './helicone-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createHelicone,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'contextLength', price: 'endpoints.0.pricing.prompt' },
  expected: {
    count: 5,
    sample: {
      id: 'claude-sonnet-4',
      canonicalId: 'anthropic/claude-sonnet-4',
      contextLength: 200000,
      maxOutputTokens: 64000,
      // $3 / $15 per 1M (the cheapest endpoint, Anthropic's own, with its cache prices)
      pricing: { prompt: '0.000003', completion: '0.000015', cacheRead: '0.0000003', cacheWrite: '0.00000375' },
      capabilities: { tools: true, structuredOutput: false, reasoning: true, vision: true },
    },
  },
});

describe('helicone specifics', () => {
  const upstream = useUpstreamServer();

  it('reads the double data envelope and takes the cheapest endpoint price', async () => {
    upstream.serveFixtures(fixturesDir, helicone.baseURL);
    const { models } = await createHelicone({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('llama-3.3-70b-instruct')).toMatchObject({
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      pricing: { prompt: '0.00000023', completion: '0.00000035' },
    });
    expect(byId.get('grok-4')?.pricing).toBeUndefined();
    expect(byId.get('gemini-2.5-flash')?.inputModalities).toEqual(['text', 'image', 'audio', 'video']);
  });
});
