import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createOpenRouter, openrouter } from './openrouter-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createOpenRouter,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length', price: 'pricing.prompt' },
  expected: {
    count: 6,
    sample: {
      id: 'anthropic/claude-3.5-sonnet',
      canonicalId: 'anthropic/claude-3.5-sonnet',
      contextLength: 200000,
      maxOutputTokens: 8192,
      pricing: {
        prompt: '0.000003',
        completion: '0.000015',
        request: '0',
        image: '0.0048',
        cacheRead: '0.0000003',
        cacheWrite: '0.00000375',
      },
      inputModalities: ['text', 'image', 'file'],
      outputModalities: ['text'],
      capabilities: { tools: true, vision: true, structuredOutput: false, reasoning: false },
      aliases: ['anthropic/claude-3.5-sonnet-20241022'],
      created: '2024-10-22T00:00:00.000Z',
    },
  },
});

describe('openrouter specifics', () => {
  const upstream = useUpstreamServer();

  it('defaults to the public endpoint', () => {
    expect(openrouter.baseURL).toBe('https://openrouter.ai/api/v1');
    expect(openrouter.isConfigured()).toBe(true);
  });

  it('groups routing variants, leaves dynamic router prices absent, keeps the model context', async () => {
    upstream.serveFixtures(fixturesDir, 'https://openrouter.ai/api/v1');
    const { models } = await createOpenRouter({ env: {} }).fetchModels();
    const free = models.find((m) => m.id === 'meta-llama/llama-3.3-70b-instruct:free');
    expect(free?.canonicalId).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(free?.pricing).toEqual({ prompt: '0', completion: '0', request: '0', image: '0' });
    expect(free?.contextLength).toBe(131072);
    const auto = models.find((m) => m.id === 'openrouter/auto');
    expect(auto?.pricing).toBeUndefined();
    expect(models.find((m) => m.id === 'deepseek/deepseek-r1')?.capabilities?.reasoning).toBe(true);
    expect(models.find((m) => m.id === 'google/gemini-2.0-flash-001')?.expiresAt).toBe('2026-02-06T00:00:00.000Z');
  });
});
