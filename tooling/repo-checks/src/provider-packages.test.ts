import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProvider, workspacePackages } from './workspace.ts';

const providers = workspacePackages().filter(isProvider);

describe('provider packages', () => {
  it('are the 30 of the seed (29 upstreams, Hugging Face as router + hub)', () => {
    expect(providers).toHaveLength(30);
  });

  for (const pkg of providers) {
    const slug = path.basename(pkg.dir);
    describe(slug, () => {
      it('is named after its folder and declares its tier', () => {
        expect(pkg.json.name).toBe(`@catalog/provider-${slug}`);
        expect(['high', 'medium', 'low']).toContain(pkg.json.catalog?.tier);
      });

      it('has the standard file set', () => {
        for (const file of [
          'README.md',
          'src/index.ts',
          'src/version.ts',
          `src/${slug}-provider.ts`,
          `src/${slug}-provider.test.ts`,
          'src/__fixtures__/routes.json',
        ]) {
          expect(existsSync(path.join(pkg.dir, file)), file).toBe(true);
        }
      });

      it('exports a factory, a default instance, its settings type and VERSION, and not its upstream schemas', () => {
        const index = readFileSync(path.join(pkg.dir, 'src/index.ts'), 'utf8');
        expect(index).toMatch(
          /export \{ create[A-Z]\w*, [a-z]\w*, type [A-Z]\w*Settings \} from '\.\/[\w-]+-provider\.ts';/,
        );
        expect(index).toContain("export { VERSION } from './version.ts';");
        expect(index).not.toMatch(/-api\.ts/);
      });

      it('runs the shared contract suite', () => {
        const test = readFileSync(path.join(pkg.dir, `src/${slug}-provider.test.ts`), 'utf8');
        expect(test).toContain('registerFetchModelsSuite(');
      });

      it('reads no environment and opens no connection at import', () => {
        const source = readFileSync(path.join(pkg.dir, `src/${slug}-provider.ts`), 'utf8');
        expect(source).not.toMatch(/^\s*(const|let)\s+\w+\s*=\s*process\.env/m);
        expect(source).not.toMatch(/\bfetch\(/);
      });
    });
  }
});
