import { describe, expect, it } from 'vitest';
import { RejectedValueError } from './kernel-error.ts';
import { defaultCount, guardValue } from './last-good-guard.ts';
import { List, models } from './testing/kernel-setup.ts';

const guard = (fetched: unknown, lastGood: unknown, policy: { rejectEmpty?: boolean; maxShrinkRatio?: number } = {}) =>
  guardValue(
    'p',
    fetched,
    List,
    { rejectEmpty: policy.rejectEmpty ?? true, maxShrinkRatio: policy.maxShrinkRatio ?? 0.5 },
    defaultCount,
    lastGood as never,
  );

const reasonOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (RejectedValueError.isInstance(error)) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('guardValue (last-good protection)', () => {
  it('with a non-default maxShrinkRatio of 0.2: refuses a shrink beyond 20 %, accepts one of exactly 20 %', () => {
    const last = models(10);
    expect(reasonOf(() => guard(models(7), last, { maxShrinkRatio: 0.2 }))).toBe('shrunk');
    expect(reasonOf(() => guard(models(8), last, { maxShrinkRatio: 0.2 }))).toBe('accepted');
    // With the default 0.5 the same 30 % shrink passes.
    expect(reasonOf(() => guard(models(7), last))).toBe('accepted');
    expect(() => guard(models(7), last, { maxShrinkRatio: 0.2 })).toThrow(
      /shrank from 10 to 7 items \(more than 20%\)/,
    );
  });

  it('with maxShrinkRatio 0.9 refuses only a drop to under a tenth; 1 turns the check off', () => {
    const last = models(100);
    expect(reasonOf(() => guard(models(9), last, { maxShrinkRatio: 0.9 }))).toBe('shrunk');
    expect(reasonOf(() => guard(models(10), last, { maxShrinkRatio: 0.9 }))).toBe('accepted');
    expect(reasonOf(() => guard(models(1), last, { maxShrinkRatio: 1 }))).toBe('accepted');
  });

  it('refuses empty lists unless rejectEmpty is off, and invalid values always', () => {
    expect(reasonOf(() => guard([], models(3)))).toBe('empty');
    expect(reasonOf(() => guard([], undefined))).toBe('empty');
    expect(reasonOf(() => guard([], undefined, { rejectEmpty: false }))).toBe('accepted');
    expect(reasonOf(() => guard([{ id: 1 }], models(3)))).toBe('invalid');
    expect(() => guard([{ id: 'a' }, { id: 2 }], undefined)).toThrow(/1 validation issue\(s\), first at 1\.id/);
  });

  it('accepts growth and any first list', () => {
    expect(guard(models(50), models(3))).toHaveLength(50);
    expect(guard(models(1), undefined)).toHaveLength(1);
  });
});
