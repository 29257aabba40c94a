import type { z } from 'zod';
import type { KeyPolicy } from './key-policy.ts';
import { RejectedValueError } from './kernel-error.ts';

/** How many items a value holds (list length by default). */
export type CountFn<T> = (value: T) => number | undefined;

export const defaultCount = (value: unknown): number | undefined => (Array.isArray(value) ? value.length : undefined);

/**
 * Last-good protection: a fetched value replaces the last good one only if it validates, is not
 * empty, and did not shrink by more than the allowed ratio. Returns the parsed value.
 */
export function guardValue<T>(
  key: string,
  fetched: unknown,
  schema: z.ZodType<T>,
  policy: KeyPolicy['guard'],
  count: CountFn<T>,
  lastGood: T | undefined,
): T {
  const parsed = schema.safeParse(fetched);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
    throw new RejectedValueError(
      key,
      'invalid',
      `${parsed.error.issues.length} validation issue(s), first at ${where}`,
    );
  }
  const size = count(parsed.data);
  if (policy.rejectEmpty && size === 0)
    throw new RejectedValueError(key, 'empty', 'the upstream returned an empty list');
  const before = lastGood === undefined ? undefined : count(lastGood);
  if (size !== undefined && before !== undefined && before > 0 && size < before * (1 - policy.maxShrinkRatio)) {
    throw new RejectedValueError(
      key,
      'shrunk',
      `the list shrank from ${before} to ${size} items (more than ${Math.round(policy.maxShrinkRatio * 100)}%)`,
    );
  }
  return parsed.data;
}
