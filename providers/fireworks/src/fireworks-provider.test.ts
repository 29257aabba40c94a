import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createFireworks, fireworks } from './fireworks-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createFireworks,
  fixturesDir,
  entryFields: { id: 'name', contextLength: 'contextLength' },
  expected: {
    count: 6,
    skipped: 1,
    sample: {
      id: 'accounts/fireworks/models/deepseek-v3p1',
      canonicalId: 'deepseek-ai/deepseek-v3.1',
      name: 'DeepSeek V3.1',
      kind: 'chat',
      contextLength: 163840,
      capabilities: { tools: true, vision: false },
      created: '2025-08-21T09:00:00.000Z',
    },
  },
});

describe('fireworks specifics', () => {
  const upstream = useUpstreamServer();

  it('follows page tokens, skips models that are not READY, reads kinds, vision and deprecation', async () => {
    upstream.serveFixtures(fixturesDir, fireworks.baseURL);
    const { models, skipped } = await createFireworks({ apiKey: 'k', env: {} }).fetchModels();
    expect(upstream.calls.map((c) => c.url.searchParams.get('pageToken'))).toEqual([null, 'page-2-token']);
    expect(upstream.calls[0]?.url.searchParams.get('pageSize')).toBe('200');
    expect(skipped.map((s) => s.id)).toEqual(['accounts/fireworks/models/llama-v3p3-70b-instruct-staging']);
    const byId = new Map(models.map((m) => [m.id.split('/').pop(), m]));
    expect(byId.get('qwen2p5-vl-32b-instruct')).toMatchObject({
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    expect(byId.get('flux-1-schnell-fp8')).toMatchObject({ kind: 'image', outputModalities: ['image'] });
    expect(byId.get('nomic-embed-text-v1p5')?.kind).toBe('embedding');
    expect(byId.get('mixtral-8x22b-instruct')?.deprecatedAt).toBe('2025-09-30T00:00:00.000Z');
    // Fireworks names (v3p1, 2p5) and its hosting account are not the model's: canonical ids match other hosts.
    expect(byId.get('llama-v3p1-8b-instruct')?.canonicalId).toBe('meta-llama/llama-3.1-8b-instruct');
    expect(byId.get('qwen2p5-vl-32b-instruct')?.canonicalId).toBe('qwen/qwen2.5-vl-32b-instruct');
    expect(byId.get('nomic-embed-text-v1p5')?.canonicalId).toBe('nomic-ai/nomic-embed-text-v1.5');
  });
});
