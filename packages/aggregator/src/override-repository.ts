import { OperatorOverrideList, type OperatorOverride } from './operator-override.ts';

/**
 * Where operator overrides live. The catalog keeps them in its cache store so every instance
 * sharing the store sees the same overrides and they survive restarts; `memoryOverrideRepository`
 * is for a single process or tests.
 */
export interface OverrideRepository {
  load(): Promise<OperatorOverride[]>;
  save(overrides: readonly OperatorOverride[]): Promise<void>;
  /**
   * Read-modify-write without lost updates: `change` gets the stored list and returns the new one
   * (undefined: no change); when another instance wrote in between, `change` is applied again to
   * its list. Resolves to the list written, or undefined when `change` left it as it was.
   */
  update(change: OverrideListChange): Promise<OperatorOverride[] | undefined>;
  /**
   * A cheap token that changes whenever the stored list does (a revision, a content hash), read
   * by the catalog's periodic reload before it loads and parses the list. Without it every reload
   * loads the list (still re-merging nothing when it is unchanged).
   */
  stamp?(): Promise<string | undefined>;
}

export type OverrideListChange = (stored: OperatorOverride[]) => OperatorOverride[] | undefined;

export function memoryOverrideRepository(initial: readonly OperatorOverride[] = []): OverrideRepository {
  let stored = JSON.stringify(initial);
  let revision = 0;
  const load = () => OperatorOverrideList.parse(JSON.parse(stored));
  const save = (overrides: readonly OperatorOverride[]) => {
    stored = JSON.stringify(overrides);
    revision++;
  };
  return {
    load: async () => load(),
    save: async (overrides) => save(overrides),
    // One process, no await between reading and writing: nothing can come in between.
    update: async (change) => {
      const next = change(load());
      if (next) save(next);
      return next;
    },
    stamp: async () => String(revision),
  };
}
