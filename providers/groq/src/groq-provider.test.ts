import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createGroq, groq } from './groq-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createGroq,
  fixturesDir,
  entryFields: { id: 'id', contextLength: 'context_window' },
  expected: {
    count: 8,
    skipped: 1,
    sample: {
      id: 'llama-3.3-70b-versatile',
      // Groq ids name no author: the family gives it, and Groq's name maps to Meta's (see provider-utils).
      canonicalId: 'meta-llama/llama-3.3-70b-instruct',
      kind: 'chat',
      inputModalities: ['text'],
      outputModalities: ['text'],
      contextLength: 131072,
      maxOutputTokens: 32768,
      created: '2024-12-06T01:15:54.000Z',
    },
  },
});

describe('groq specifics', () => {
  const upstream = useUpstreamServer();

  it('classifies speech, transcription and guard models, skips inactive ones, invents no prices', async () => {
    upstream.serveFixtures(fixturesDir, groq.baseURL);
    const { models, skipped } = await createGroq({ apiKey: 'k', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('whisper-large-v3-turbo')?.kind).toBe('transcription');
    expect(byId.get('playai-tts')?.kind).toBe('speech');
    expect(byId.get('meta-llama/llama-guard-4-12b')?.kind).toBe('moderation');
    expect(byId.get('openai/gpt-oss-120b')?.canonicalId).toBe('openai/gpt-oss-120b');
    expect(byId.get('llama-3.1-8b-instant')?.canonicalId).toBe('meta-llama/llama-3.1-8b-instruct');
    expect(byId.get('whisper-large-v3-turbo')?.canonicalId).toBe('openai/whisper-large-v3-turbo');
    // Llama 4 Scout takes images: its family says so; it is not text-only.
    expect(byId.get('meta-llama/llama-4-scout-17b-16e-instruct')).toMatchObject({
      kind: 'chat',
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
    });
    // Qwen3 is released post-trained under its plain name (base checkpoints say -Base).
    expect(byId.get('qwen/qwen3-32b')).toMatchObject({ kind: 'chat', inputModalities: ['text'] });
    expect(byId.has('gemma2-9b-it')).toBe(false);
    expect(skipped).toEqual([{ id: 'gemma2-9b-it', reason: 'not a listable model (e.g. deprecated or inactive)' }]);
    expect(models.every((m) => m.pricing === undefined)).toBe(true);
  });
});
