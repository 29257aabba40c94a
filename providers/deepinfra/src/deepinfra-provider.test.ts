import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createDeepInfra, deepInfra } from './deepinfra-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createDeepInfra,
  fixturesDir,
  expected: {
    count: 8,
    sample: {
      id: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      canonicalId: 'meta-llama/meta-llama-3.1-8b-instruct',
      kind: 'chat',
      contextLength: 131072,
      // 0.000002 and 0.000005 US cents per token = $0.02 and $0.05 per 1M
      pricing: { prompt: '0.00000002', completion: '0.00000005' },
      capabilities: { vision: false, tools: true },
    },
  },
});

describe('deepinfra specifics', () => {
  const upstream = useUpstreamServer();

  it('converts cent prices once, keeps non-token models classified, and keeps deprecated ones dated', async () => {
    upstream.serveFixtures(fixturesDir, deepInfra.baseURL);
    const { models } = await createDeepInfra({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('meta-llama/Llama-3.3-70B-Instruct-Turbo')?.pricing).toEqual({
      prompt: '0.000000038',
      completion: '0.00000012',
      cacheRead: '0.000000019',
    });
    expect(byId.get('deepseek-ai/DeepSeek-V3.1')?.pricing).toEqual({ prompt: '0.0000003', completion: '0.000001' });
    expect(byId.get('black-forest-labs/FLUX-1-schnell')).toMatchObject({ kind: 'image', pricing: { image: '0.0005' } });
    expect(byId.get('openai/whisper-large-v3-turbo')).toMatchObject({ kind: 'transcription' });
    expect(byId.get('openai/whisper-large-v3-turbo')?.pricing).toBeUndefined();
    expect(byId.get('meta-llama/Llama-3.2-11B-Vision-Instruct')).toMatchObject({
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    expect(byId.get('mistralai/Mixtral-8x7B-Instruct-v0.1')?.deprecatedAt).toBe('2025-01-01T00:00:00.000Z');
  });
});
