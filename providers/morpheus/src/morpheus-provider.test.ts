import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createMorpheus, morpheus } from './morpheus-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createMorpheus,
  fixturesDir,
  entryFields: { id: 'id' },
  expected: {
    count: 6,
    sample: {
      id: 'qwen3-235b',
      canonicalId: 'qwen/qwen3-235b',
      kind: 'chat',
      outputModalities: ['text'],
      capabilities: { tools: true, reasoning: true },
      created: '2025-05-01T00:00:00.000Z',
    },
  },
});

describe('morpheus specifics', () => {
  const upstream = useUpstreamServer();

  it('classifies model types and never invents prices', async () => {
    upstream.serveFixtures(fixturesDir, morpheus.baseURL);
    const { models } = await createMorpheus({ env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('text-embedding-bge-m3')).toMatchObject({ kind: 'embedding', outputModalities: ['embedding'] });
    expect(byId.get('kokoro')?.kind).toBe('speech');
    expect(byId.get('venice-uncensored')?.capabilities).toBeUndefined();
    expect(models.every((m) => m.pricing === undefined && m.contextLength === undefined)).toBe(true);
  });
});
