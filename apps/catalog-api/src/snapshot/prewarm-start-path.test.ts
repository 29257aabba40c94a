import { createHook } from 'node:async_hooks';
import { getModelsCache, LegacyCacheNotInstalledError } from '@catalog/legacy-cache';
import { describe, expect, it } from 'vitest';
import { prewarmStartPath } from './prewarm-start-path.ts';

describe('prewarmStartPath', () => {
  it('composes and closes a throwaway catalog: no timer, socket or installed legacy layer is left', async () => {
    // Every handle created meanwhile (unref'd timers too), until it is destroyed.
    const live = new Map<number, string>();
    let ownTimer = false;
    const hook = createHook({
      init: (id, type) => void (type !== 'PROMISE' && !ownTimer && live.set(id, type)),
      destroy: (id) => void live.delete(id),
    }).enable();
    try {
      await prewarmStartPath();
      // What the composition started in the background (the rollout switches' first load) has run.
      ownTimer = true;
      const waited = new Promise((resolve) => setTimeout(resolve, 20));
      ownTimer = false;
      await waited;
    } finally {
      hook.disable();
    }
    // What the build leaves running would end up in the snapshot, or make it fail.
    // (One-shot requests, such as the random bytes of an instance id, end by themselves.)
    expect([...live.values()].filter((type) => !type.endsWith('REQUEST'))).toEqual([]);
    expect(() => getModelsCache('openrouter')).toThrow(LegacyCacheNotInstalledError);
  });
});
