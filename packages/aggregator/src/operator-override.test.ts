import { describe, expect, it } from 'vitest';
import { openrouterModels } from './__fixtures__/sample-models.ts';
import { applyOverrides, OverrideInput, overrideKey, type OperatorOverride } from './operator-override.ts';

const at = '2026-11-24T00:00:00.000Z';
const overrides = (...list: OperatorOverride[]) => new Map(list.map((o) => [overrideKey(o.provider, o.modelId), o]));

describe('operator overrides', () => {
  it('hide a model and correct fields of another, leaving the rest untouched', () => {
    const result = applyOverrides(
      'openrouter',
      openrouterModels,
      overrides(
        { provider: 'openrouter', modelId: 'meta-llama/llama-3.3-70b-instruct:free', hide: true, updatedAt: at },
        {
          provider: 'openrouter',
          modelId: 'anthropic/claude-3.5-sonnet',
          set: { contextLength: 100000, pricing: { prompt: '0.000002' } },
          updatedAt: at,
        },
      ),
    );
    expect(result.map((m) => m.id)).toEqual(['anthropic/claude-3.5-sonnet', 'meta-llama/llama-3.3-70b-instruct']);
    expect(result[0]).toMatchObject({ contextLength: 100000, pricing: { prompt: '0.000002', completion: '0.000015' } });
    expect(result[1]).toBe(openrouterModels[1]);
  });

  it('returns the same list when nothing applies', () => {
    const other = overrides({ provider: 'groq', modelId: 'x', hide: true, updatedAt: at });
    expect(applyOverrides('openrouter', openrouterModels, other)).toBe(openrouterModels);
    expect(applyOverrides('openrouter', openrouterModels, new Map())).toBe(openrouterModels);
  });

  it('validates admin input with clear messages', () => {
    expect(OverrideInput.safeParse({ provider: 'groq', modelId: 'x' }).error?.issues[0]?.message).toBe(
      'an override must hide the model or set at least one field',
    );
    expect(
      OverrideInput.safeParse({ provider: 'groq', modelId: 'x', set: { pricing: { prompt: '-1' } } }).success,
    ).toBe(false);
    expect(OverrideInput.safeParse({ provider: 'Groq!', modelId: 'x', hide: true }).success).toBe(false);
    expect(OverrideInput.safeParse({ provider: 'groq', modelId: 'x', hide: true }).success).toBe(true);
  });
});
