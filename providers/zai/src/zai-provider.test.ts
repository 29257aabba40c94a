import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createZAi } from './zai-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createZAi,
  fixturesDir,
  entryFields: { id: 'id' },
  expected: {
    count: 7,
    sample: { id: 'glm-4.6', canonicalId: 'zai-org/glm-4.6', kind: 'chat', created: '2025-09-30T00:00:00.000Z' },
  },
});

describe('zai specifics', () => {
  const upstream = useUpstreamServer();

  it('chooses the region base URL (no /v1) unless baseURL is given', () => {
    expect(createZAi({ env: {} }).baseURL).toBe('https://api.z.ai/api/paas/v4');
    expect(createZAi({ region: 'china', env: {} }).baseURL).toBe('https://open.bigmodel.cn/api/paas/v4');
    expect(createZAi({ region: 'china', baseURL: 'https://proxy.test/zai', env: {} }).baseURL).toBe(
      'https://proxy.test/zai',
    );
  });

  it('marks GLM vision models and embeddings', async () => {
    upstream.serveFixtures(fixturesDir, 'https://open.bigmodel.cn/api/paas/v4');
    const { models } = await createZAi({ region: 'china', apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('glm-4.5v')).toMatchObject({ inputModalities: ['text', 'image'], capabilities: { vision: true } });
    expect(byId.get('embedding-3')?.kind).toBe('embedding');
    expect(byId.get('glm-4.5')?.capabilities).toBeUndefined();
    expect(upstream.calls[0]?.url.toString()).toBe('https://open.bigmodel.cn/api/paas/v4/models');
  });
});
