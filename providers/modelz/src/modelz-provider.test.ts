import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createModelz, modelz } from './modelz-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createModelz,
  fixturesDir,
  entryFields: { id: ['Token', 'model_id', 'modelId', 'id', 'name'] },
  expected: {
    count: 6,
    // "llama-3-8b-instruct" is listed both graduated and not: kept once.
    skipped: 1,
    sample: {
      id: 'modelz/llama-3-8b-instruct',
      canonicalId: 'modelz/llama-3-8b-instruct',
      name: 'Llama 3 8B Instruct',
      created: '2024-05-02T10:00:00.000Z',
    },
  },
});

describe('modelz specifics', () => {
  const upstream = useUpstreamServer();

  it('reads every documented id field and envelope, prefixing ids with modelz/', async () => {
    upstream.serveFixtures(fixturesDir, modelz.baseURL);
    const { models } = await createModelz({ env: {} }).fetchModels();
    expect(models.map((m) => m.id).sort()).toEqual([
      'modelz/4711',
      'modelz/llama-3-8b-instruct',
      'modelz/mistral-7b-instruct-v0.3',
      'modelz/phi-3-mini-4k',
      'modelz/qwen2.5-7b-instruct',
      'modelz/stable-diffusion-xl',
    ]);
    expect(upstream.calls.map((c) => c.url.searchParams.get('isGraduated'))).toEqual(['true', 'false']);
  });

  it('asks only for graduated tokens when told to', async () => {
    upstream.serveFixtures(fixturesDir, modelz.baseURL);
    const { models } = await createModelz({ onlyGraduated: true, env: {} }).fetchModels();
    expect(models).toHaveLength(4);
    expect(upstream.calls).toHaveLength(1);
  });
});
