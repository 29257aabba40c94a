import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createOpenAI, openai } from './openai-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createOpenAI,
  fixturesDir,
  entryFields: { id: 'id' },
  expected: {
    count: 12,
    sample: {
      id: 'gpt-4o-mini',
      canonicalId: 'openai/gpt-4o-mini',
      kind: 'chat',
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
      created: '2024-07-16T23:32:21.000Z',
    },
  },
});

describe('openai specifics', () => {
  const upstream = useUpstreamServer();

  it('keeps embeddings, speech, images and moderation, classified; groups dated snapshots; keeps fine-tunes apart', async () => {
    upstream.serveFixtures(fixturesDir, openai.baseURL);
    const { models } = await createOpenAI({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('text-embedding-3-large')).toMatchObject({ kind: 'embedding', outputModalities: ['embedding'] });
    expect(byId.get('whisper-1')?.kind).toBe('transcription');
    expect(byId.get('tts-1-hd')?.kind).toBe('speech');
    expect(byId.get('dall-e-3')?.kind).toBe('image');
    expect(byId.get('omni-moderation-latest')?.kind).toBe('moderation');
    expect(byId.get('gpt-4o-2024-08-06')?.canonicalId).toBe('openai/gpt-4o');
    expect(byId.get('gpt-4.1')?.canonicalId).toBe('openai/gpt-4.1');
    expect(byId.get('ft:gpt-4o-mini-2024-07-18:acme-corp::9xYzAbC1')?.canonicalId).toMatch(/^acme-corp\/ft:/);
    expect(models.every((m) => m.pricing === undefined && m.contextLength === undefined)).toBe(true);
  });

  it('gives the modalities the model family settles, and none where the id does not settle them', async () => {
    upstream.serveFixtures(fixturesDir, openai.baseURL);
    const { models } = await createOpenAI({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4o-2024-08-06', 'gpt-4.1'])
      expect(byId.get(id), id).toMatchObject({
        kind: 'chat',
        inputModalities: ['text', 'image'],
        outputModalities: ['text'],
      });
    expect(byId.get('o3-mini')).toMatchObject({ kind: 'chat', inputModalities: ['text'] });
    const fineTune = byId.get('ft:gpt-4o-mini-2024-07-18:acme-corp::9xYzAbC1')!;
    expect(fineTune.kind).toBeUndefined();
    expect(fineTune.inputModalities).toBeUndefined();
  });
});
