import { findModelList } from '@catalog/test-kit/fixtures';
import * as hostile from './hostile-strings.ts';
import type { Knobs } from './knobs.ts';

const ID_FIELDS = ['id', 'model_id', 'model_name', 'modelId', 'endpoint_id', 'name'] as const;

/** Entries no provider's entry schema accepts. */
const INVALID_ENTRIES: readonly unknown[] = [null, 'not-an-object', {}, { id: 42 }, { id: '' }, [1, 2, 3], 7];

type ListKnobs = Pick<
  Knobs,
  'inflate' | 'keepRatio' | 'duplicateIds' | 'invalidEntries' | 'extraModelIds' | 'hostileStrings'
>;

/**
 * Applies the list knobs to a JSON payload: `inflate` repeats the model list with suffixed ids,
 * `keepRatio` keeps only the first part of it, `duplicateIds` repeats every entry as is,
 * `extraModelIds` appends copies of the first entry under new ids, `hostileStrings` rewrites text
 * fields and appends hostile entries, `invalidEntries` appends entries of no valid shape. Returns
 * the text unchanged when none applies or the body is not JSON with a list.
 */
export function transformPayload(text: string, knobs: ListKnobs): string {
  const applies =
    (knobs.inflate ?? 1) !== 1 ||
    knobs.keepRatio !== undefined ||
    knobs.duplicateIds ||
    (knobs.invalidEntries ?? 0) > 0 ||
    (knobs.extraModelIds?.length ?? 0) > 0 ||
    knobs.hostileStrings;
  if (!applies) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  const list = findModelList(body);
  if (!list) return text;
  const original = list.splice(0, list.length);
  const copies = knobs.inflate ?? 1;
  for (let copy = 0; copy < copies; copy++) {
    for (const entry of original) list.push(copy === 0 ? entry : withIds(entry, (id) => `${id}-x${copy}`));
  }
  if (knobs.keepRatio !== undefined) list.splice(Math.round(list.length * knobs.keepRatio));
  const first = list[0];
  if (knobs.duplicateIds) list.push(...list.map((entry) => structuredClone(entry)));
  for (const id of knobs.extraModelIds ?? []) if (first !== undefined) list.push(withIds(first, () => id));
  if (knobs.hostileStrings) {
    list.splice(0, list.length, ...list.map(withHostileText));
    if (first !== undefined) {
      list.push(
        withHostileText(withIds(first, () => hostile.HOSTILE_ID)),
        withIds(first, () => hostile.OVERLONG_ID),
      );
      const overlong = withIds(first, () => hostile.OVERLONG_DESCRIPTION_ID) as Record<string, unknown>;
      if (typeof overlong.description === 'string')
        list.push({ ...overlong, description: hostile.OVERLONG_DESCRIPTION });
    }
  }
  for (let i = 0; i < (knobs.invalidEntries ?? 0); i++) list.push(INVALID_ENTRIES[i % INVALID_ENTRIES.length]);
  return JSON.stringify(body);
}

/** A copy of an entry with every id field it has replaced by `rename(value)`. */
function withIds(entry: unknown, rename: (id: string) => string): unknown {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  for (const field of ID_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string' && value) copy[field] = rename(value);
  }
  return copy;
}

/** A copy of an entry whose text fields hold the hostile strings. */
function withHostileText(entry: unknown): unknown {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  if (typeof copy.description === 'string') copy.description = hostile.HOSTILE_DESCRIPTION;
  for (const field of ['display_name', 'displayName'])
    if (typeof copy[field] === 'string') copy[field] = hostile.HOSTILE_NAME;
  // `name` is an id field for some upstreams; only a name next to a separate id is display text.
  if (typeof copy.name === 'string' && typeof copy.id === 'string') copy.name = hostile.HOSTILE_NAME;
  return copy;
}
