import { OperatorOverrideList, type OperatorOverride } from './operator-override.ts';

/**
 * Where operator overrides live. The catalog keeps them in its cache store so every instance
 * sharing the store sees the same overrides and they survive restarts; `memoryOverrideRepository`
 * is for a single process or tests.
 */
export interface OverrideRepository {
  load(): Promise<OperatorOverride[]>;
  save(overrides: readonly OperatorOverride[]): Promise<void>;
}

export function memoryOverrideRepository(initial: readonly OperatorOverride[] = []): OverrideRepository {
  let stored = JSON.stringify(initial);
  return {
    load: async () => OperatorOverrideList.parse(JSON.parse(stored)),
    save: async (overrides) => {
      stored = JSON.stringify(overrides);
    },
  };
}
