import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, runCodemod } from './run-codemod.ts';

const fixtures = path.join(import.meta.dirname, '__fixtures__');

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'codemod-'));
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('the legacy cache codemod', () => {
  it('--dry-run changes nothing and reports what it would do', async () => {
    const dir = copy();
    const result = await runCodemod({ paths: [dir], dryRun: true, kernelImport: '@app/cache/kernel' });
    for (const file of ['openrouter-client.ts', 'catalog-routes.ts', 'startup.ts']) {
      expect(read(dir, file)).toBe(readFileSync(path.join(fixtures, file), 'utf8'));
    }
    expect(result.files).toHaveLength(3);
    expect(formatReport(result, true)).toMatch(
      /call site\(s\) would be rewritten, \d+ left for a person in 3 file\(s\) \(dry run: nothing changed\)/,
    );
  });

  it('rewrites direct cache access and error-state calls (patterns 1 and 2)', async () => {
    const dir = copy();
    await runCodemod({ paths: [path.join(dir, 'openrouter-client.ts')], kernelImport: '@app/cache/kernel' });
    const out = read(dir, 'openrouter-client.ts');
    expect(out).toContain("import { kernel } from '@app/cache/kernel';");
    expect(out).not.toContain('@catalog/legacy-cache');
    expect(out).toContain("if ((kernel.peek('openrouter')?.value ?? null) !== null)");
    expect(out).toContain("if (kernel.isFailing('openrouter'))");
    expect(out).toContain("kernel.set('openrouter', models);");
    expect(out).toContain("removed `modelsCache('openrouter').timestamp = new Date()`: the kernel manages timestamps");
    expect(out).toMatch(/removed `clearGatewayError\('openrouter'\)`/);
    expect(out).toMatch(/removed `setGatewayError\('openrouter', String\(error\)\)`/);
    expect(out).not.toMatch(/^\s*await (setGatewayError|clearGatewayError)/m);
  });

  it('rewrites cache management, leaves what it cannot map with a comment (patterns 3 and 5)', async () => {
    const dir = copy();
    const result = await runCodemod({ paths: [path.join(dir, 'catalog-routes.ts')], kernelImport: '../cache/kernel' });
    const out = read(dir, 'catalog-routes.ts');
    expect(out).toContain('await kernel.invalidate(gateway);');
    expect(out).toContain("const fresh = (kernel.peek(gateway)?.state === 'fresh');");
    expect(out).toContain('// codemod(catalog): getModelsCache() returns the legacy cache object');
    expect(out).toContain('const cache = getModelsCache(gateway);');
    expect(out).toContain('// codemod(catalog): modelsAggregateCache() has no one-to-one replacement');
    expect(out).toMatch(/import \{ getModelsCache, modelsAggregateCache \} from '@catalog\/legacy-cache';/);
    expect(result.remaining).toBe(2);
    expect(formatReport(result, false)).toMatch(/LEFT L\d+: getModelsCache\(gateway\)/);
  });

  it('turns the initialisers into warm-ups (pattern 4)', async () => {
    const dir = copy();
    await runCodemod({ paths: [path.join(dir, 'startup.ts')], kernelImport: '@app/cache/kernel' });
    const out = read(dir, 'startup.ts');
    expect(out).toContain("await kernel.warm(['fal']);");
    expect(out).toContain("await kernel.warm(['featherless']);");
    expect(out).toContain("return (kernel.peek('modelz')?.value ?? null)?.length ?? 0;");
  });

  it('is idempotent: a second run finds nothing to rewrite', async () => {
    const dir = copy();
    await runCodemod({ paths: [dir], kernelImport: '@app/cache/kernel' });
    const again = await runCodemod({ paths: [dir], kernelImport: '@app/cache/kernel' });
    expect(again.rewritten).toBe(0);
    expect(read(dir, 'catalog-routes.ts').match(/codemod\(catalog\): getModelsCache/g)).toHaveLength(1);
  });
});
