import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createHuggingFaceHub, huggingFaceHub, type HuggingFaceHubSettings } from './huggingface-hub-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const settings: HuggingFaceHubSettings = { pipelineTags: ['text-generation'] };

registerFetchModelsSuite({
  createProvider: createHuggingFaceHub,
  fixturesDir,
  expected: {
    count: 7,
    sample: {
      id: 'meta-llama/Llama-3.3-70B-Instruct',
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      kind: 'chat',
      inputModalities: ['text'],
      created: '2024-11-26T16:08:47.000Z',
    },
  },
});

describe('huggingface-hub specifics', () => {
  const upstream = useUpstreamServer();

  it('follows the Link header with the token and classifies pipelines', async () => {
    upstream.serveFixtures(fixturesDir, huggingFaceHub.baseURL);
    const { models } = await createHuggingFaceHub({ ...settings, apiKey: 'hf_x', env: {} }).fetchModels();
    expect(upstream.calls).toHaveLength(2);
    const first = upstream.calls[0]!.url;
    expect(Object.fromEntries(first.searchParams)).toEqual({
      inference_provider: 'all',
      pipeline_tag: 'text-generation',
      limit: '1000',
    });
    expect(upstream.calls[1]?.url.searchParams.get('cursor')).toBe('eyJfaWQiOiI2NjQifQ');
    expect(upstream.calls[1]?.headers.authorization).toBe('Bearer hf_x');
    expect(models.find((m) => m.id === 'google/gemma-3-27b-it')).toMatchObject({
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    expect(models.every((m) => m.pricing === undefined)).toBe(true);
  });

  it('lists every default pipeline tag in turn', async () => {
    upstream.serveFixtures(fixturesDir, huggingFaceHub.baseURL);
    const { models } = await createHuggingFaceHub({ env: {} }).fetchModels();
    expect(upstream.calls.map((c) => c.url.searchParams.get('pipeline_tag'))).toEqual([
      'text-generation',
      'text-generation',
      'image-text-to-text',
    ]);
    expect(models).toHaveLength(7);
    expect(models.find((m) => m.id === 'Qwen/Qwen2.5-VL-72B-Instruct')?.inputModalities).toEqual(['text', 'image']);
  });
});
