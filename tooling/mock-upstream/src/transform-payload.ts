import { findModelList } from '@catalog/test-kit/fixtures';

const ID_FIELDS = ['id', 'model_id', 'model_name', 'modelId', 'endpoint_id', 'name'] as const;

/**
 * Applies the size knobs to a JSON payload: `inflate` repeats the model list with suffixed ids,
 * `keepRatio` keeps only the first part of it. Returns the text unchanged when neither applies
 * or the body is not JSON with a list.
 */
export function transformPayload(text: string, knobs: { inflate?: number; keepRatio?: number }): string {
  if ((knobs.inflate ?? 1) === 1 && knobs.keepRatio === undefined) return text;
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
    for (const entry of original) list.push(copy === 0 ? entry : withSuffixedIds(entry, `-x${copy}`));
  }
  if (knobs.keepRatio !== undefined) list.splice(Math.round(list.length * knobs.keepRatio));
  return JSON.stringify(body);
}

function withSuffixedIds(entry: unknown, suffix: string): unknown {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  for (const field of ID_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string' && value) copy[field] = value + suffix;
  }
  return copy;
}
