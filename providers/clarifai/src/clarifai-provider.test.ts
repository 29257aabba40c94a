import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { clarifai, createClarifai } from './clarifai-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createClarifai,
  fixturesDir,
  entryFields: { id: 'id' },
  expected: {
    count: 6,
    sample: {
      id: 'https://clarifai.com/openai/chat-completion/models/gpt-4o',
      canonicalId: 'openai/gpt-4o',
      kind: 'chat',
      created: '2024-05-10T18:50:49.000Z',
    },
  },
});

describe('clarifai specifics', () => {
  const upstream = useUpstreamServer();

  it('groups Clarifai URLs and paths with other providers (user = author, 3_2 = 3.2)', async () => {
    upstream.serveFixtures(fixturesDir, clarifai.baseURL);
    const { models } = await createClarifai({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m.canonicalId]));
    expect(byId.get('https://clarifai.com/meta/Llama-3/models/Llama-3_2-3B-Instruct')).toBe(
      'meta-llama/llama-3.2-3b-instruct',
    );
    expect(byId.get('qwen/qwenLM/models/Qwen3-30B-A3B-GGUF')).toBe('qwen/qwen3-30b-a3b-gguf');
    expect(byId.get('https://clarifai.com/anthropic/completion/models/claude-sonnet-4')).toBe(
      'anthropic/claude-sonnet-4',
    );
  });

  it('sends "Key <PAT>" and accepts a bare array as well as { data }', async () => {
    upstream.route(`${clarifai.baseURL}/models`, {
      body: readFileSync(`${fixturesDir}/bare-array.json`, 'utf8'),
      headers: { 'content-type': 'application/json' },
    });
    const { models } = await createClarifai({ apiKey: 'pat-123', env: {} }).fetchModels();
    expect(upstream.calls[0]?.headers.authorization).toBe('Key pat-123');
    expect(models.map((m) => m.canonicalId)).toEqual(['openai/gpt-4o', 'mistralai/mistral-small-3.1-24b-instruct']);
  });

  it('classifies embedding models', async () => {
    upstream.serveFixtures(fixturesDir, clarifai.baseURL);
    const { models } = await createClarifai({ apiKey: 'k', env: {} }).fetchModels();
    expect(models.find((m) => m.canonicalId === 'openai/text-embedding-3-small')?.kind).toBe('embedding');
  });
});
