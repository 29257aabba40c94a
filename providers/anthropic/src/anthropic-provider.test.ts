import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { anthropic, createAnthropic } from './anthropic-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createAnthropic,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'max_input_tokens' },
  expected: {
    count: 7,
    sample: {
      id: 'claude-sonnet-4-5-20250929',
      canonicalId: 'anthropic/claude-sonnet-4.5',
      name: 'Claude Sonnet 4.5',
      contextLength: 200000,
      maxOutputTokens: 64000,
      // from the capabilities the API reports
      inputModalities: ['text', 'image', 'file'],
      outputModalities: ['text'],
      capabilities: { vision: true, structuredOutput: true, reasoning: true },
      created: '2025-09-29T00:00:00.000Z',
    },
  },
});

describe('anthropic specifics', () => {
  const upstream = useUpstreamServer();

  it('sends x-api-key without a scheme and the anthropic-version header, and pages with after_id', async () => {
    upstream.serveFixtures(fixturesDir, anthropic.baseURL);
    await createAnthropic({ apiKey: 'sk-ant-test', env: {} }).fetchModels();
    expect(upstream.calls).toHaveLength(2);
    for (const call of upstream.calls) {
      expect(call.headers['x-api-key']).toBe('sk-ant-test');
      expect(call.headers['anthropic-version']).toBe('2023-06-01');
      expect(call.url.searchParams.get('limit')).toBe('1000');
    }
    expect(upstream.calls[1]?.url.searchParams.get('after_id')).toBe('claude-3-7-sonnet-20250219');
  });

  it('gives dated snapshots the canonical id of their model and leaves unknown limits absent', async () => {
    upstream.serveFixtures(fixturesDir, anthropic.baseURL);
    const { models } = await createAnthropic({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('claude-3-5-sonnet-20241022')?.canonicalId).toBe('anthropic/claude-3.5-sonnet');
    expect(byId.get('claude-3-haiku-20240307')?.contextLength).toBeUndefined();
    expect(models.every((m) => m.pricing === undefined)).toBe(true);
  });

  it('takes modalities from the API capabilities, else from the documented family, else leaves them absent', async () => {
    upstream.serveFixtures(fixturesDir, anthropic.baseURL);
    const { models } = await createAnthropic({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    // Reported: images and PDFs, no structured outputs on this one.
    expect(byId.get('claude-opus-4-1-20250805')).toMatchObject({
      inputModalities: ['text', 'image', 'file'],
      capabilities: { vision: true, structuredOutput: false, reasoning: true },
    });
    // Not reported (older answer, or capabilities: null): the family documents image input, nothing about PDFs.
    for (const id of ['claude-sonnet-4-20250514', 'claude-3-5-sonnet-20241022', 'claude-3-haiku-20240307']) {
      expect(byId.get(id)?.inputModalities, id).toEqual(['text', 'image']);
      expect(byId.get(id)?.capabilities, id).toEqual({ vision: true });
    }
    // Claude 3.5 Haiku launched text-only: its name does not settle it, so nothing is claimed.
    const haiku = byId.get('claude-3-5-haiku-20241022')!;
    expect(haiku.kind).toBe('chat');
    expect(haiku.inputModalities).toBeUndefined();
    expect(haiku.capabilities).toBeUndefined();
  });
});
