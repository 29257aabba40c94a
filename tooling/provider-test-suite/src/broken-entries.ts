import { findModelList } from '@catalog/test-kit';

/** Where a provider's raw model entry keeps the facts the suite breaks (dotted paths, `providers.0.pricing.input`). */
export interface EntryFields {
  /** The field(s) holding the model id; with several, all are removed for "missing id". */
  id: string | readonly string[];
  /** A context-length field, if the upstream has one. */
  contextLength?: string;
  /** A price field, if the upstream has one. */
  price?: string;
}

/** Marks the ids of the copies the suite adds, so the result can be checked by id. */
export const CONTROL_MARK = '-suite-control';
export const BAD_MARK = '-suite-bad-';

export interface BrokenEntry {
  /** What is wrong with it. */
  defect: 'context length of the wrong type' | 'negative price' | 'missing id';
  entry: Record<string, unknown>;
  /** The id marker it carries (none for the missing-id copy). */
  mark?: string;
  /** The field the skip reason should name, when it can. */
  reasonPattern?: RegExp;
}

/**
 * Copies of one real model entry: an intact control (its id changed, so it must be kept as one
 * more model) and one copy per bad field, each with that single field broken and its id changed.
 */
export function brokenCopies(
  source: unknown,
  fields: EntryFields,
): { control: Record<string, unknown>; broken: BrokenEntry[] } {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    throw new Error('the entry to break is not an object: check `entryFields.sourceIndex`');
  }
  const idPaths = idPathsOf(fields);
  const copy = (mark: string) => {
    const entry = structuredClone(source) as Record<string, unknown>;
    const idPath = idPaths.find((p) => typeof getPath(entry, p) === 'string');
    if (!idPath) throw new Error(`the entry has no string id at ${idPaths.join(' or ')}`);
    setPath(entry, idPath, `${getPath(entry, idPath) as string}${mark}`);
    return entry;
  };
  const broken: BrokenEntry[] = [];
  if (fields.contextLength) {
    const mark = `${BAD_MARK}context`;
    const entry = copy(mark);
    const value = required(entry, fields.contextLength);
    setPath(entry, fields.contextLength, typeof value === 'number' ? `${value} tokens` : { tokens: value });
    const name = fields.contextLength.split('.').pop()!;
    broken.push({ defect: 'context length of the wrong type', entry, mark, reasonPattern: new RegExp(name) });
  }
  if (fields.price) {
    const mark = `${BAD_MARK}price`;
    const entry = copy(mark);
    const value = required(entry, fields.price);
    const amount = Number(value);
    const negative = amount > 0 ? -amount : -0.5;
    setPath(entry, fields.price, typeof value === 'string' ? String(negative) : negative);
    broken.push({ defect: 'negative price', entry, mark, reasonPattern: /price/i });
  }
  const anonymous = structuredClone(source) as Record<string, unknown>;
  for (const idPath of idPaths) deletePath(anonymous, idPath);
  broken.push({ defect: 'missing id', entry: anonymous });
  return { control: copy(CONTROL_MARK), broken };
}

/** The id field paths of an EntryFields, as a list. */
export function idPathsOf(fields: EntryFields): string[] {
  return typeof fields.id === 'string' ? [fields.id] : [...fields.id];
}

function required(entry: Record<string, unknown>, dotted: string): unknown {
  const value = getPath(entry, dotted);
  if (value === undefined || value === null) throw new Error(`the entry to break has no value at ${dotted}`);
  return value;
}

export function getPath(value: unknown, dotted: string): unknown {
  let current = value;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function parentOf(value: Record<string, unknown>, dotted: string): [Record<string, unknown>, string] {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let current: unknown = value;
  for (const key of keys) current = (current as Record<string, unknown>)[key];
  if (current === null || typeof current !== 'object') throw new Error(`no object at ${keys.join('.')}`);
  return [current as Record<string, unknown>, last];
}

function setPath(value: Record<string, unknown>, dotted: string, next: unknown): void {
  const [parent, key] = parentOf(value, dotted);
  parent[key] = next;
}

function deletePath(value: Record<string, unknown>, dotted: string): void {
  if (getPath(value, dotted) === undefined) return;
  const [parent, key] = parentOf(value, dotted);
  delete parent[key];
}

/**
 * The model list of a payload: the shallowest array whose entries carry one of the id fields (so
 * a one-model page is not mistaken for its model's `aliases`), else the longest array.
 */
export function findEntryList(body: unknown, idPaths: readonly string[]): unknown[] | undefined {
  let level: unknown[] = [body];
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        if (
          value.some((item) =>
            idPaths.some((p) => typeof getPath(item, p) === 'string' || typeof getPath(item, p) === 'number'),
          )
        )
          return value;
        next.push(...value);
      } else next.push(...Object.values(value));
    }
    level = next;
  }
  return findModelList(body);
}
