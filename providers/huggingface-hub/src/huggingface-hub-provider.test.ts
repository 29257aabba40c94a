import { fileURLToPath } from 'node:url';
import { UpstreamHttpError } from '@catalog/provider-contract';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createHuggingFaceHub, huggingFaceHub, type HuggingFaceHubSettings } from './huggingface-hub-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const settings: HuggingFaceHubSettings = { pipelineTags: ['text-generation'] };

registerFetchModelsSuite({
  createProvider: createHuggingFaceHub,
  fixturesDir,
  entryFields: { id: 'id' },
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

  it('on 429 honours the RateLimit header (seconds until the reset), else the RateLimit-Policy window', async () => {
    const call = async (headers: Record<string, string>) => {
      upstream.route(`${huggingFaceHub.baseURL}/models`, {
        status: 429,
        headers,
        json: { error: 'You have exceeded our rate limit.' },
      });
      const error = await createHuggingFaceHub({ env: {} })
        .fetchModels()
        .catch((e: unknown) => e);
      expect(UpstreamHttpError.isInstance(error)).toBe(true);
      expect((error as UpstreamHttpError).retryable).toBe(true);
      return (error as UpstreamHttpError).retryAfterMs;
    };
    // The documented shape (hub-docs rate-limits): "api";r=<remaining>;t=<seconds until reset>.
    expect(await call({ ratelimit: '"api";r=0;t=55', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' })).toBe(
      55_000,
    );
    expect(await call({ ratelimit: '"api";r=0', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' })).toBe(
      300_000,
    );
    // A Retry-After, when sent, wins.
    expect(await call({ 'retry-after': '7', ratelimit: '"api";r=0;t=55' })).toBe(7_000);
  });
});
