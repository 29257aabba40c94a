import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createTogether, together } from './together-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createTogether,
  fixturesDir,
  expected: {
    count: 8,
    sample: {
      id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct-turbo',
      name: 'Meta Llama 3.3 70B Instruct Turbo',
      kind: 'chat',
      contextLength: 131072,
      // $0.88 per 1M tokens
      pricing: { prompt: '0.00000088', completion: '0.00000088' },
      created: '2024-12-06T00:00:00.000Z',
    },
  },
});

describe('together specifics', () => {
  const upstream = useUpstreamServer();

  it('keeps every model type, classified, and treats all-zero pricing as unknown', async () => {
    upstream.serveFixtures(fixturesDir, together.baseURL);
    const { models } = await createTogether({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('black-forest-labs/FLUX.1-schnell')).toMatchObject({ kind: 'image', outputModalities: ['image'] });
    expect(byId.get('black-forest-labs/FLUX.1-schnell')?.pricing).toBeUndefined();
    expect(byId.get('BAAI/bge-large-en-v1.5')).toMatchObject({ kind: 'embedding', pricing: { prompt: '0.00000002' } });
    expect(byId.get('meta-llama/Llama-Guard-4-12B')?.kind).toBe('moderation');
    expect(byId.get('Salesforce/Llama-Rank-V1')?.kind).toBe('rerank');
    expect(byId.get('cartesia/sonic-2')?.kind).toBe('speech');
  });
});
