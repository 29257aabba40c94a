import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatReport, runCodemod } from './run-codemod.ts';

const fixtures = path.join(import.meta.dirname, '__fixtures__');

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'codemod-'));
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const FIXTURES = ['openrouter-client.ts', 'catalog-routes.ts', 'startup.ts', 'admin-system.ts'];

describe('the legacy cache codemod', () => {
  it('--dry-run changes nothing and reports what it would do', async () => {
    const dir = copy();
    const result = await runCodemod({ paths: [dir], dryRun: true, kernelImport: '@app/cache/kernel' });
    for (const file of FIXTURES) expect(read(dir, file)).toBe(readFileSync(path.join(fixtures, file), 'utf8'));
    expect(result.files).toHaveLength(4);
    expect(formatReport(result, true)).toMatch(
      /call site\(s\) would be rewritten, \d+ left for a person in 4 file\(s\) \(dry run: nothing changed\)/,
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
    // A client that fetches outside the kernel keeps recording outcomes on the breaker.
    expect(out).toContain("    await kernel.recordSuccess('openrouter');\n    return models;");
    expect(out).toContain("    await kernel.recordFailure('openrouter', error);\n    return [];");
    expect(out).not.toMatch(/GatewayError/);
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

  it('rewrites modelz management and huggingface access, leaves the provider aggregate and timestamp reads (patterns 3 and 5)', async () => {
    const dir = copy();
    const result = await runCodemod({ paths: [path.join(dir, 'admin-system.ts')], kernelImport: '@app/cache/kernel' });
    const out = read(dir, 'admin-system.ts');
    expect(out).toContain("  await kernel.invalidate('modelz');");
    expect(out).toContain("  return (kernel.peek('huggingface')?.value ?? null)?.length ?? 0;");
    expect(out).toContain(
      '  // codemod(catalog): providerAggregateCache() has no one-to-one replacement: use the aggregator (catalog.view(), catalog.health())\n  return providerAggregateCache().data',
    );
    expect(out).toContain(
      "  // codemod(catalog): timestamps are the kernel's: read kernel.peek(gateway)?.fetchedAt (epoch ms) or ?.ageMs\n  const stamp = modelsCache(gateway).timestamp;",
    );
    // Error-state calls inside expressions are rewritten too; `error.message` gives the error back.
    expect(out).toContain('() => kernel.recordSuccess(gateway).then(() => true)');
    expect(out).toContain('(error: Error) => kernel.recordFailure(gateway, error).then(() => false)');
    expect(out).toMatch(
      /import \{\s*modelsCache,\s*providerAggregateCache\s*\} from '@catalog\/legacy-cache';\nimport \{ kernel \} from '@app\/cache\/kernel';/,
    );
    expect(result.remaining).toBe(2);
    expect(result.rewritten).toBe(4);
  });

  it('wraps a plain message in an Error for recordFailure', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codemod-'));
    const file = path.join(dir, 'client.ts');
    writeFileSync(
      file,
      "import { setGatewayError } from '@catalog/legacy-cache';\nexport const fail = () => setGatewayError('groq', `HTTP ${503}`);\n",
    );
    await runCodemod({ paths: [file], kernelImport: './kernel' });
    expect(readFileSync(file, 'utf8')).toBe(
      "import { kernel } from './kernel';\n\nexport const fail = () => kernel.recordFailure('groq', new Error(`HTTP ${503}`));\n",
    );
  });

  it('is idempotent: a second run finds nothing to rewrite', async () => {
    const dir = copy();
    await runCodemod({ paths: [dir], kernelImport: '@app/cache/kernel' });
    const again = await runCodemod({ paths: [dir], kernelImport: '@app/cache/kernel' });
    expect(again.rewritten).toBe(0);
    expect(read(dir, 'catalog-routes.ts').match(/codemod\(catalog\): getModelsCache/g)).toHaveLength(1);
  });
});

describe('the catalog-codemod command', () => {
  const run = promisify(execFile);
  const cli = path.join(import.meta.dirname, 'cli.ts');
  const codemod = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };

  it('--dry-run prints the report, changes nothing and exits 0; a real run rewrites', async () => {
    const dir = copy();
    const dry = await codemod('--dry-run', '--kernel-import', '@app/cache/kernel', dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /would rewrite L\d+: setGatewayError\('openrouter', String\(error\)\)\s+→\s+kernel\.recordFailure\('openrouter', error\)/,
    );
    expect(dry.stdout).toMatch(/LEFT L\d+: providerAggregateCache\(\)/);
    expect(dry.stdout).toMatch(
      /^16 call site\(s\) would be rewritten, 4 left for a person in 4 file\(s\) \(dry run: nothing changed\)$/m,
    );
    for (const file of FIXTURES) expect(read(dir, file)).toBe(readFileSync(path.join(fixtures, file), 'utf8'));

    const real = await codemod('--kernel-import', '@app/cache/kernel', dir);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^\d+ call site\(s\) rewritten, 4 left for a person in 4 file\(s\)$/m);
    expect(read(dir, 'startup.ts')).toContain("await kernel.warm(['fal']);");
  });

  it('exits 2 with the usage for no paths, an unknown option, or a path that does not exist', async () => {
    expect(await codemod()).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: catalog-codemod') });
    expect(await codemod('--frobnicate', 'src')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option '--frobnicate'[\s\S]*usage:/),
    });
    expect(await codemod(path.join(tmpdir(), 'no-such-folder-for-codemod'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file or folder'),
    });
    expect(await codemod('--help')).toMatchObject({ code: 0 });
  });
});
