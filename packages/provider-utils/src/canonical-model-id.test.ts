import { describe, expect, it } from 'vitest';
import { canonicalModelId, isDatedSnapshot } from './canonical-model-id.ts';

describe('canonicalModelId', () => {
  it('groups the same model across providers', () => {
    const anthropic = canonicalModelId('claude-3-5-sonnet-20241022', { author: 'anthropic' });
    const openrouter = canonicalModelId('anthropic/claude-3.5-sonnet');
    expect(anthropic).toBe('anthropic/claude-3.5-sonnet');
    expect(openrouter).toBe(anthropic);
  });

  it('strips provider path prefixes: Fireworks accounts host, Vertex publishers author, Gemini models/', () => {
    expect(canonicalModelId('models/gemini-2.5-pro', { author: 'google' })).toBe('google/gemini-2.5-pro');
    expect(canonicalModelId('publishers/google/models/gemini-2.5-pro')).toBe('google/gemini-2.5-pro');
    // The account is the host, not the author: the family names the author.
    expect(canonicalModelId('accounts/fireworks/models/llama-v3p1-8b-instruct')).toBe(
      'meta-llama/llama-3.1-8b-instruct',
    );
    expect(canonicalModelId('accounts/fireworks/models/deepseek-v3p1')).toBe('deepseek-ai/deepseek-v3.1');
    expect(canonicalModelId('accounts/fireworks/models/qwen2p5-vl-32b-instruct')).toBe('qwen/qwen2.5-vl-32b-instruct');
    expect(canonicalModelId('accounts/acme/models/my-finetune')).toBe('my-finetune');
    expect(canonicalModelId('https://clarifai.com/meta/Llama-3/models/Llama-3_2-3B-Instruct')).toBe(
      'meta-llama/llama-3.2-3b-instruct',
    );
    expect(canonicalModelId('https://clarifai.com/openai/chat-completion/models/gpt-4o')).toBe('openai/gpt-4o');
    expect(canonicalModelId('qwen/qwenLM/models/Qwen3-30B-A3B-GGUF')).toBe('qwen/qwen3-30b-a3b-gguf');
  });

  it('strips only known routing suffixes and keeps size tags', () => {
    for (const suffix of [':free', ':beta', ':nitro', ':floor', ':online', ':extended', ':thinking'])
      expect(canonicalModelId(`meta-llama/llama-3.3-70b-instruct${suffix}`)).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('qwen3:8b')).toBe('qwen/qwen3:8b');
    expect(canonicalModelId('library/llama3.2:3b')).toBe('library/llama-3.2:3b');
  });

  it('drops dated snapshots; -MMDD only for authors whose undated id aliases the latest snapshot', () => {
    expect(canonicalModelId('grok-4-0709', { author: 'x-ai' })).toBe('x-ai/grok-4');
    expect(canonicalModelId('x-ai/grok-4')).toBe('x-ai/grok-4');
    expect(canonicalModelId('gpt-4o-2024-08-06', { author: 'openai' })).toBe('openai/gpt-4o');
    expect(canonicalModelId('gpt-4-0613')).toBe('openai/gpt-4');
    // Another checkpoint, not a snapshot alias: kept.
    expect(canonicalModelId('deepseek-ai/DeepSeek-R1-0528')).toBe('deepseek-ai/deepseek-r1-0528');
    expect(canonicalModelId('moonshotai/Kimi-K2-Instruct-0905')).toBe('moonshotai/kimi-k2-instruct-0905');
    expect(canonicalModelId('Qwen/Qwen3-235B-A22B-Instruct-2507')).toBe('qwen/qwen3-235b-a22b-instruct-2507');
    expect(canonicalModelId('google/gemini-2.0-flash-001')).toBe('google/gemini-2.0-flash');
    expect(canonicalModelId('gemini-embedding-001', { author: 'google' })).toBe('google/gemini-embedding-001');
  });

  it('unifies the spellings of model names and authors', () => {
    expect(canonicalModelId('meta-llama/Meta-Llama-3.1-8B-Instruct')).toBe('meta-llama/llama-3.1-8b-instruct');
    expect(canonicalModelId('llama3.1-8b')).toBe('meta-llama/llama-3.1-8b');
    expect(canonicalModelId('meta-llama/Llama-3.3-70B-Instruct-Turbo')).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('meta-llama/Llama-3.3-70B-Instruct-Turbo-Free')).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('deepseek/deepseek-chat-v3.1')).toBe('deepseek-ai/deepseek-v3.1');
    expect(canonicalModelId('deepseek/deepseek-r1')).toBe('deepseek-ai/deepseek-r1');
    expect(canonicalModelId('qwen-3-235b-a22b-instruct-2507')).toBe('qwen/qwen3-235b-a22b-instruct-2507');
    expect(canonicalModelId('xai/grok-4')).toBe('x-ai/grok-4');
    expect(canonicalModelId('black-forest-labs/FLUX-1-schnell')).toBe('black-forest-labs/flux.1-schnell');
    expect(canonicalModelId('black-forest-labs/FLUX.1-schnell')).toBe('black-forest-labs/flux.1-schnell');
    expect(canonicalModelId('glm-4.6', { author: 'z-ai' })).toBe('zai-org/glm-4.6');
    expect(canonicalModelId('Qwen/Qwen2-5-72B-Instruct')).toBe('qwen/qwen2.5-72b-instruct');
  });

  it('maps the documented provider-specific names to the common one', () => {
    expect(canonicalModelId('llama-3.3-70b-versatile')).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('llama-3.1-8b-instant')).toBe('meta-llama/llama-3.1-8b-instruct');
    expect(canonicalModelId('llama-3.3-70b')).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('qwen/qwen3-235b-a22b-2507')).toBe('qwen/qwen3-235b-a22b-instruct-2507');
  });

  it('infers the author from the model family when the id names none; the id or a first-party author wins', () => {
    expect(canonicalModelId('claude-sonnet-4-20250514')).toBe('anthropic/claude-sonnet-4');
    expect(canonicalModelId('whisper-large-v3-turbo')).toBe('openai/whisper-large-v3-turbo');
    expect(canonicalModelId('gemma2-9b-it')).toBe('google/gemma2-9b-it');
    expect(canonicalModelId('text-embedding-v4', { author: 'qwen' })).toBe('qwen/text-embedding-v4');
    expect(canonicalModelId('unsloth/gemma-3-27b-it')).toBe('unsloth/gemma-3-27b-it');
  });

  it('lower-cases and keeps size suffixes intact', () => {
    expect(canonicalModelId('meta-llama/Llama-3.3-70B-Instruct')).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(canonicalModelId('llama-3-8b', { author: 'meta' })).toBe('meta-llama/llama-3-8b');
  });

  it('keeps only the last path segment as the author for deep ids', () => {
    expect(canonicalModelId('openai/chat-completion/gpt-4o')).toBe('chat-completion/gpt-4o');
  });

  it('returns a bare model when no author is known', () => {
    expect(canonicalModelId('venice-uncensored')).toBe('venice-uncensored');
  });
});

describe('isDatedSnapshot', () => {
  it('recognises dated snapshot ids', () => {
    expect(isDatedSnapshot('claude-3-5-sonnet-20241022')).toBe(true);
    expect(isDatedSnapshot('gpt-4o-2024-08-06')).toBe(true);
    expect(isDatedSnapshot('gpt-4o')).toBe(false);
  });
});
