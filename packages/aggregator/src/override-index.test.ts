import { describe, expect, it } from 'vitest';
import { openrouterModels } from './__fixtures__/sample-models.ts';
import { applyOverrides, type OperatorOverride } from './operator-override.ts';
import { OverrideIndex } from './override-index.ts';

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const hide = (provider: string, modelId: string, day = 1): OperatorOverride => ({
  provider,
  modelId,
  hide: true,
  updatedAt: at(day),
});

describe('OverrideIndex', () => {
  it('groups overrides by provider, each group with its own version', () => {
    const index = new OverrideIndex([
      hide('openrouter', 'meta-llama/llama-3.3-70b-instruct:free'),
      hide('groq', 'llama-3.3-70b-versatile'),
    ]);
    expect([...index.forProvider('openrouter').values()].map((o) => o.modelId)).toEqual([
      'meta-llama/llama-3.3-70b-instruct:free',
    ]);
    expect(index.forProvider('together').size).toBe(0);
    expect(index.versionOf('together')).toBe('none');
    expect(index.versionOf('openrouter')).not.toBe(index.versionOf('groq'));
    const served = applyOverrides('openrouter', openrouterModels, index.forProvider('openrouter'));
    expect(served.map((m) => m.id)).not.toContain('meta-llama/llama-3.3-70b-instruct:free');
    expect(index.list()).toHaveLength(2);
  });

  it("changes one provider's version only when what it serves changes", () => {
    const before = new OverrideIndex([hide('openrouter', 'a'), hide('groq', 'b')]);
    // Another provider's change, a new timestamp, a reason or another order: openrouter's version holds.
    const after = new OverrideIndex([
      { ...hide('groq', 'c'), reason: 'delisted upstream' },
      { ...hide('openrouter', 'a', 20), reason: 'checked again' },
      hide('groq', 'b'),
    ]);
    expect(after.versionOf('openrouter')).toBe(before.versionOf('openrouter'));
    expect(after.versionOf('groq')).not.toBe(before.versionOf('groq'));
    const corrected = new OverrideIndex([
      { provider: 'openrouter', modelId: 'a', set: { contextLength: 8192 }, updatedAt: at(1) },
      hide('groq', 'b'),
    ]);
    expect(corrected.versionOf('openrouter')).not.toBe(before.versionOf('openrouter'));
    expect(corrected.versionOf('groq')).toBe(before.versionOf('groq'));
  });
});
