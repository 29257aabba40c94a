import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createFeatherless, featherless } from './featherless-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createFeatherless,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_length' },
  expected: {
    count: 7,
    sample: {
      id: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      canonicalId: 'meta-llama/llama-3.1-8b-instruct',
      name: 'Meta-Llama-3.1-8B-Instruct',
      contextLength: 16384,
      maxOutputTokens: 4096,
      created: '2024-07-23T00:00:00.000Z',
    },
  },
});

describe('featherless specifics', () => {
  const upstream = useUpstreamServer();

  it('pages through the list with per_page and page, and invents no prices', async () => {
    upstream.serveFixtures(fixturesDir, featherless.baseURL);
    const { models } = await createFeatherless({ pageSize: 100, env: {} }).fetchModels();
    expect(upstream.calls.map((c) => [c.url.searchParams.get('page'), c.url.searchParams.get('per_page')])).toEqual([
      ['1', '100'],
      ['2', '100'],
    ]);
    expect(models.every((m) => m.pricing === undefined)).toBe(true);
  });

  it('never asks for pages smaller than the API minimum', async () => {
    upstream.serveFixtures(fixturesDir, featherless.baseURL);
    await createFeatherless({ pageSize: 10, env: {} }).fetchModels();
    expect(upstream.calls[0]?.url.searchParams.get('per_page')).toBe('100');
  });
});
