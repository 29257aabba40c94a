import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createAlibabaCloud } from './alibaba-cloud-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createAlibabaCloud,
  fixturesDir,
  entryFields: { id: 'id' },
  expected: {
    count: 8,
    sample: { id: 'qwen-max', canonicalId: 'qwen/qwen-max', kind: 'chat', created: '2024-10-01T00:00:00.000Z' },
  },
});

describe('alibaba-cloud specifics', () => {
  const upstream = useUpstreamServer();

  it.each([
    [undefined, 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1'],
    ['singapore', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1'],
    ['us', 'https://dashscope-us.aliyuncs.com/compatible-mode/v1'],
    ['beijing', 'https://dashscope.aliyuncs.com/compatible-mode/v1'],
  ] as const)('region %s uses %s', (region, url) => {
    expect(createAlibabaCloud({ ...(region ? { region } : {}), env: {} }).baseURL).toBe(url);
  });

  it('requests the region endpoint and classifies vision and embedding models', async () => {
    upstream.serveFixtures(fixturesDir, 'https://dashscope-us.aliyuncs.com/compatible-mode/v1');
    const { models } = await createAlibabaCloud({ region: 'us', apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('qwen-vl-max')).toMatchObject({
      inputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    expect(byId.get('text-embedding-v4')?.kind).toBe('embedding');
    expect(upstream.calls[0]?.url.toString()).toBe('https://dashscope-us.aliyuncs.com/compatible-mode/v1/models');
  });
});
