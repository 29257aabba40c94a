import { describe, expect, it } from 'vitest';
import { canonicalModelId, isDatedSnapshot } from './canonical-model-id.ts';

describe('canonicalModelId', () => {
  it('groups the same model across providers', () => {
    const anthropic = canonicalModelId('claude-3-5-sonnet-20241022', { author: 'anthropic' });
    const openrouter = canonicalModelId('anthropic/claude-3.5-sonnet');
    expect(anthropic).toBe('anthropic/claude-3.5-sonnet');
    expect(openrouter).toBe(anthropic);
  });

  it('strips provider path prefixes and routing suffixes', () => {
    expect(canonicalModelId('accounts/fireworks/models/llama-v3p1-8b-instruct', { author: 'fireworks' })).toBe(
      'fireworks/llama-v3p1-8b-instruct',
    );
    expect(canonicalModelId('models/gemini-2.5-pro', { author: 'google' })).toBe('google/gemini-2.5-pro');
    expect(canonicalModelId('publishers/google/models/gemini-2.0-flash-001')).toBe('google/gemini-2.0-flash-001');
    expect(canonicalModelId('meta-llama/llama-3.3-70b-instruct:free')).toBe('meta-llama/llama-3.3-70b-instruct');
  });

  it('lower-cases and keeps size suffixes intact', () => {
    expect(canonicalModelId('meta-llama/Llama-3.3-70B-Instruct')).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('llama-3-8b', { author: 'meta' })).toBe('meta/llama-3-8b');
    expect(canonicalModelId('Qwen/Qwen2-5-72B-Instruct')).toBe('qwen/qwen2.5-72b-instruct');
  });

  it('keeps only the last path segment as the author for deep ids', () => {
    expect(canonicalModelId('openai/chat-completion/gpt-4o')).toBe('chat-completion/gpt-4o');
  });

  it('returns a bare model when no author is known', () => {
    expect(canonicalModelId('whisper-large-v3')).toBe('whisper-large-v3');
  });
});

describe('isDatedSnapshot', () => {
  it('recognises dated snapshot ids', () => {
    expect(isDatedSnapshot('claude-3-5-sonnet-20241022')).toBe(true);
    expect(isDatedSnapshot('gpt-4o-2024-08-06')).toBe(true);
    expect(isDatedSnapshot('gpt-4o')).toBe(false);
  });
});
