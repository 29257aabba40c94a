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
   * A cheap token that changes whenever the stored list does (a revision, a content hash), read
   * by the catalog's periodic reload before it loads and parses the list. Without it every reload
   * loads the list (still re-merging nothing when it is unchanged).
   */
  stamp?(): Promise<string | undefined>;
}

export function memoryOverrideRepository(initial: readonly OperatorOverride[] = []): OverrideRepository {
  let stored = JSON.stringify(initial);
  let revision = 0;
  return {
    load: async () => OperatorOverrideList.parse(JSON.parse(stored)),
    save: async (overrides) => {
      stored = JSON.stringify(overrides);
      revision++;
    },
    stamp: async () => String(revision),
  };
}
