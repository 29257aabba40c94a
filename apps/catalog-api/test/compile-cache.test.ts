import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNodeProcess } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

/** Every file below `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('main.ts', () => {
  it('keeps the compiled code of the app modules it loaded on disk, for the next start', async () => {
    // No NODE_COMPILE_CACHE (it would turn the cache on by itself): main.ts enables it, in the
    // OS temporary directory, here a fresh one.
    const temp = await mkdtemp(path.join(tmpdir(), 'catalog-main-'));
    const env: Record<string, string | undefined> = { ...process.env, TMPDIR: temp, PORT: 'eighty' };
    delete env.NODE_COMPILE_CACHE;
    try {
      // A configuration error stops the process right after the app's modules were loaded.
      const app = startNodeProcess(MAIN, [], { env });
      expect(await app.exited).toBe(2);
      // One entry per compiled module: the app's own sources and the packages they import.
      expect((await filesUnder(path.join(temp, 'node-compile-cache'))).length).toBeGreaterThan(100);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });
});
