import { describe, expect, it } from 'vitest';
import { kindFromModelId } from './kind-from-model-id.ts';

describe('kindFromModelId', () => {
  it.each([
    ['text-embedding-3-large', 'embedding'],
    ['BAAI/bge-large-en-v1.5', 'embedding'],
    ['nomic-embed-text-v1.5', 'embedding'],
    ['whisper-large-v3-turbo', 'transcription'],
    ['gpt-4o-transcribe', 'transcription'],
    ['tts-1-hd', 'speech'],
    ['playai-tts', 'speech'],
    ['dall-e-3', 'image'],
    ['gpt-image-1', 'image'],
    ['black-forest-labs/FLUX.1-schnell', 'image'],
    ['sora-2', 'video'],
    ['omni-moderation-latest', 'moderation'],
    ['meta-llama/llama-guard-4-12b', 'moderation'],
    ['Salesforce/Llama-Rank-V1', 'chat'],
    ['mixedbread-ai/mxbai-rerank-large-v2', 'rerank'],
    ['gpt-4o-mini', 'chat'],
    ['llama-3.3-70b-versatile', 'chat'],
  ])('%s is %s', (id, kind) => {
    expect(kindFromModelId(id).kind).toBe(kind);
  });

  it('gives modalities with the kind', () => {
    expect(kindFromModelId('text-embedding-3-small')).toEqual({
      kind: 'embedding',
      inputModalities: ['text'],
      outputModalities: ['embedding'],
    });
    expect(kindFromModelId('whisper-1').inputModalities).toEqual(['audio']);
  });
});
