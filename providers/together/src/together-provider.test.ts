import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createTogether, together } from './together-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createTogether,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.input' },
  expected: {
    count: 11,
    sample: {
      id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
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

  async function fetchAll() {
    upstream.serveFixtures(fixturesDir, together.baseURL);
    const { models } = await createTogether({ apiKey: 'k', env: {} }).fetchModels();
    return new Map(models.map((m) => [m.id, m]));
  }

  it('keeps every model type, classified, with its modalities', async () => {
    const byId = await fetchAll();
    expect(byId.get('black-forest-labs/FLUX.1-schnell')).toMatchObject({ kind: 'image', outputModalities: ['image'] });
    expect(byId.get('BAAI/bge-large-en-v1.5')).toMatchObject({ kind: 'embedding', outputModalities: ['embedding'] });
    expect(byId.get('meta-llama/Llama-Guard-4-12B')?.kind).toBe('moderation');
    expect(byId.get('Salesforce/Llama-Rank-V1')?.kind).toBe('rerank');
    expect(byId.get('cartesia/sonic-2')).toMatchObject({ kind: 'speech', outputModalities: ['audio'] });
    expect(byId.get('openai/whisper-large-v3')).toMatchObject({ kind: 'transcription', inputModalities: ['audio'] });
  });

  it('converts per-1M prices once, and gives token prices only where they are per token', async () => {
    const byId = await fetchAll();
    // $1.25 per 1M; $0.02 per 1M
    expect(byId.get('deepseek-ai/DeepSeek-V3')?.pricing).toEqual({ prompt: '0.00000125', completion: '0.00000125' });
    expect(byId.get('BAAI/bge-large-en-v1.5')?.pricing).toEqual({ prompt: '0.00000002', completion: '0.00000002' });
    // TTS is priced per character, Whisper per audio minute, FLUX per image: no per-token price
    expect(byId.get('cartesia/sonic-2')?.pricing).toBeUndefined();
    expect(byId.get('openai/whisper-large-v3')?.pricing).toBeUndefined();
    expect(byId.get('black-forest-labs/FLUX.1-schnell')?.pricing).toBeUndefined();
  });

  it('treats all-zero pricing as unknown, except on -Free endpoints', async () => {
    const byId = await fetchAll();
    expect(byId.get('mistralai/Mistral-7B-Instruct-v0.1')?.pricing).toBeUndefined();
    expect(byId.get('meta-llama/Llama-3.3-70B-Instruct-Turbo-Free')?.pricing).toEqual({ prompt: '0', completion: '0' });
  });

  it('accepts the newer api.together.ai host as base URL', async () => {
    upstream.serveFixtures(fixturesDir, 'https://api.together.ai/v1');
    const { models } = await createTogether({
      baseURL: 'https://api.together.ai/v1',
      apiKey: 'k',
      env: {},
    }).fetchModels();
    expect(models).toHaveLength(11);
    expect(upstream.calls[0]?.url.href).toBe('https://api.together.ai/v1/models');
  });
});
