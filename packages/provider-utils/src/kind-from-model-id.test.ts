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
    ['gemini-2.5-flash-preview-tts', 'speech'],
    ['dall-e-3', 'image'],
    ['gpt-image-1', 'image'],
    ['gemini-2.5-flash-image', 'image'],
    ['grok-2-image-1212', 'image'],
    ['black-forest-labs/FLUX.1-schnell', 'image'],
    ['sora-2', 'video'],
    ['omni-moderation-latest', 'moderation'],
    ['meta-llama/llama-guard-4-12b', 'moderation'],
    ['mixedbread-ai/mxbai-rerank-large-v2', 'rerank'],
  ])('%s is %s by its name', (id, kind) => {
    expect(kindFromModelId(id).kind).toBe(kind);
  });

  it('gives the modalities of the kind with it', () => {
    expect(kindFromModelId('text-embedding-3-small')).toEqual({
      kind: 'embedding',
      inputModalities: ['text'],
      outputModalities: ['embedding'],
    });
    expect(kindFromModelId('whisper-1').inputModalities).toEqual(['audio']);
  });

  it.each([
    ['gpt-4o', ['text', 'image']],
    ['gpt-4o-mini', ['text', 'image']],
    ['gpt-4o-2024-08-06', ['text', 'image']],
    ['gpt-4.1', ['text', 'image']],
    ['gpt-4.1-nano', ['text', 'image']],
    ['gpt-5-mini', ['text', 'image']],
    ['o3', ['text', 'image']],
    ['o3-mini', ['text']],
    ['gpt-3.5-turbo', ['text']],
    ['gpt-4-0613', ['text']],
    ['claude-3-5-sonnet-20241022', ['text', 'image']],
    ['claude-sonnet-4-5', ['text', 'image']],
    ['gemini-2.5-pro', ['text', 'image', 'audio', 'video', 'file']],
    ['grok-4-0709', ['text', 'image']],
    ['grok-3-mini', ['text']],
  ])('%s: a chat model taking %j (its family)', (id, input) => {
    expect(kindFromModelId(id)).toEqual({ kind: 'chat', inputModalities: input, outputModalities: ['text'] });
  });

  it('gives audio models audio in and out', () => {
    expect(kindFromModelId('gpt-4o-audio-preview')).toEqual({
      kind: 'chat',
      inputModalities: ['text', 'audio'],
      outputModalities: ['text', 'audio'],
    });
  });

  it('gives the modalities of open-weight families, and the chat kind only for instruct checkpoints', () => {
    expect(kindFromModelId('meta-llama/llama-4-scout-17b-16e-instruct')).toEqual({
      kind: 'chat',
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
    });
    expect(kindFromModelId('llama-3.3-70b-versatile')).toEqual({
      kind: 'chat',
      inputModalities: ['text'],
      outputModalities: ['text'],
    });
    expect(kindFromModelId('meta-llama/Llama-3.2-11B-Vision-Instruct').inputModalities).toEqual(['text', 'image']);
    expect(kindFromModelId('qwen/qwen2.5-vl-72b-instruct').inputModalities).toEqual(['text', 'image']);
    expect(kindFromModelId('glm-4.5v').inputModalities).toEqual(['text', 'image']);
    expect(kindFromModelId('gemma2-9b-it')).toEqual({
      kind: 'chat',
      inputModalities: ['text'],
      outputModalities: ['text'],
    });
    // A base checkpoint: text in and out, but not a chat model.
    expect(kindFromModelId('meta-llama/Llama-3.1-8B')).toEqual({
      inputModalities: ['text'],
      outputModalities: ['text'],
    });
  });

  it('says nothing about ids it does not know, or whose family does not settle it', () => {
    expect(kindFromModelId('venice-uncensored')).toEqual({});
    expect(kindFromModelId('my-org/custom-model-v2')).toEqual({});
    expect(kindFromModelId('claude-3-5-haiku-20241022')).toEqual({ kind: 'chat' });
    expect(kindFromModelId('gemini-2.0-flash-live-001')).toEqual({});
  });
});
