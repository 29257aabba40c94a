import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createDeepInfra, deepInfra } from './deepinfra-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createDeepInfra,
  fixturesDir,
  entryFields: { id: 'model_name', contextLength: 'max_tokens', price: 'pricing.cents_per_input_token' },
  expected: {
    count: 11,
    sample: {
      id: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      canonicalId: 'meta-llama/llama-3.1-8b-instruct',
      kind: 'chat',
      contextLength: 131072,
      // 0.000002 and 0.000005 US cents per token = $0.02 and $0.05 per 1M
      pricing: { prompt: '0.00000002', completion: '0.00000005' },
      inputModalities: ['text'],
      outputModalities: ['text'],
      capabilities: { tools: true },
      created: '2024-07-23T15:31:28.000Z',
    },
  },
});

describe('deepinfra specifics', () => {
  const upstream = useUpstreamServer();

  async function fetchAll() {
    upstream.serveFixtures(fixturesDir, deepInfra.baseURL);
    const result = await createDeepInfra({ env: {} }).fetchModels();
    return { ...result, byId: new Map(result.models.map((m) => [m.id, m])) };
  }

  it('converts cent prices once and derives cache prices from the cache rate', async () => {
    const { byId } = await fetchAll();
    // $0.27 / $1.00 per 1M; cached input at 0.2 of the input price = $0.054 per 1M
    expect(byId.get('deepseek-ai/DeepSeek-V3.1')?.pricing).toEqual({
      prompt: '0.00000027',
      completion: '0.000001',
      cacheRead: '0.000000054',
    });
    expect(byId.get('openai/gpt-oss-120b')?.pricing).toEqual({
      prompt: '0.00000005',
      completion: '0.00000045',
      cacheRead: '0.000000025',
    });
    expect(byId.get('meta-llama/Llama-3.3-70B-Instruct-Turbo')?.pricing).toEqual({
      prompt: '0.0000001',
      completion: '0.00000032',
    });
  });

  it('keeps every task, classified, with the prices it can express', async () => {
    const { byId, skipped } = await fetchAll();
    expect(skipped).toEqual([]);
    expect(byId.get('BAAI/bge-m3')).toMatchObject({
      kind: 'embedding',
      outputModalities: ['embedding'],
      pricing: { prompt: '0.00000001' },
    });
    expect(byId.get('Qwen/Qwen3-Reranker-4B')?.kind).toBe('rerank');
    // 0.05 cents per image unit = $0.0005
    expect(byId.get('black-forest-labs/FLUX-1-schnell')).toMatchObject({
      kind: 'image',
      outputModalities: ['image'],
      pricing: { image: '0.0005' },
    });
    // priced per second of audio / per character: no per-token price to give
    expect(byId.get('openai/whisper-large-v3-turbo')).toMatchObject({
      kind: 'transcription',
      inputModalities: ['audio'],
    });
    expect(byId.get('openai/whisper-large-v3-turbo')?.pricing).toBeUndefined();
    expect(byId.get('hexgrad/Kokoro-82M')).toMatchObject({ kind: 'speech', outputModalities: ['audio'] });
    expect(byId.get('hexgrad/Kokoro-82M')?.pricing).toBeUndefined();
  });

  it('reads capabilities and input modalities from tags, which only turn them on', async () => {
    const { byId } = await fetchAll();
    expect(byId.get('Qwen/Qwen2.5-VL-32B-Instruct')).toMatchObject({
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    expect(byId.get('Qwen/Qwen2.5-VL-32B-Instruct')?.capabilities).toEqual({ vision: true });
    expect(byId.get('openai/gpt-oss-120b')).toMatchObject({
      maxOutputTokens: 32768,
      capabilities: { tools: true, reasoning: true, structuredOutput: true },
    });
    expect(byId.get('deepseek-ai/DeepSeek-V3.1')?.capabilities).toEqual({ tools: true, reasoning: true });
    expect(byId.get('meta-llama/Llama-3.3-70B-Instruct-Turbo')?.capabilities).toEqual({
      tools: true,
      reasoning: false,
    });
    expect(byId.get('mistralai/Mixtral-8x7B-Instruct-v0.1')?.capabilities).toBeUndefined();
  });

  it('keeps deprecated models with their date, and reads reported_type before type', async () => {
    const { byId } = await fetchAll();
    expect(byId.get('mistralai/Mixtral-8x7B-Instruct-v0.1')?.deprecatedAt).toBe('2025-01-01T00:00:00.000Z');

    upstream.route(`${deepInfra.baseURL}/models/list`, {
      json: [
        { model_name: 'a/old-style', type: 'text-to-speech', pricing: null, deprecated: 1 },
        { model_name: 'a/new-style', type: 'text-generation', reported_type: 'text-to-video', deprecated: true },
        { model_name: 'a/odd-task', reported_type: 'object-detection', deprecated: 1767225600 },
      ],
    });
    const { models } = await createDeepInfra({ env: {} }).fetchModels();
    expect(models.map((m) => [m.id, m.kind, m.deprecatedAt])).toEqual([
      ['a/old-style', 'speech', undefined],
      ['a/new-style', 'video', undefined],
      ['a/odd-task', 'other', '2026-01-01T00:00:00.000Z'],
    ]);
  });

  it('sends the key when one is set, and asks without one otherwise', async () => {
    upstream.serveFixtures(fixturesDir, deepInfra.baseURL);
    await createDeepInfra({ env: { DEEPINFRA_API_KEY: 'di-key' } }).fetchModels();
    await createDeepInfra({ env: {} }).fetchModels();
    expect(upstream.calls.map((c) => c.headers.authorization)).toEqual(['Bearer di-key', undefined]);
  });
});
