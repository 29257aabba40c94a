import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerProblems, readPackage, SEED_PROVIDERS } from './conventions.ts';
import { isProvider, ROOT, workspacePackages } from './workspace.ts';

const providers = workspacePackages().filter(isProvider);
const bySlug = new Map(providers.map((pkg) => [path.basename(pkg.dir), pkg]));

describe('provider packages', () => {
  it('include the 30 of the seed (29 upstreams, Hugging Face as router + hub), each in its tier', () => {
    expect(Object.keys(SEED_PROVIDERS)).toHaveLength(30);
    for (const [slug, tier] of Object.entries(SEED_PROVIDERS)) {
      expect(bySlug.has(slug), `providers/${slug}`).toBe(true);
      expect(bySlug.get(slug)?.json.catalog?.tier, slug).toBe(tier);
    }
  });

  // Every provider package, the seed's and any added later (pnpm gen:provider), follows the conventions.
  for (const pkg of providers) {
    it(`${path.basename(pkg.dir)} follows the provider conventions`, () => {
      expect(providerProblems(pkg)).toEqual([]);
    });
  }
});

describe('providerProblems', () => {
  it('names what an added package does differently (so a conforming one is not passed by accident)', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'repo-check-')), 'acme');
    try {
      cpSync(path.join(ROOT, 'providers', 'groq'), dir, {
        recursive: true,
        filter: (source) => !source.includes('node_modules') && !source.includes(`${path.sep}dist`),
      });
      const broken = readPackage(dir, 'providers/acme');
      const problems = providerProblems(broken);
      // Copied from groq without renaming anything: the name and the per-slug files are wrong.
      expect(problems).toContain('package name "@catalog/provider-groq" is not @catalog/provider-acme');
      expect(problems).toContain('missing src/acme-provider.ts');
      expect(problems).toContain('missing src/acme-provider.test.ts');
      writeFileSync(
        path.join(dir, 'src/index.ts'),
        "export { createGroq, groq, type GroqSettings } from './groq-provider.ts';\nexport { GroqModel } from './groq-api.ts';\n",
      );
      expect(providerProblems(broken)).toEqual(
        expect.arrayContaining([
          'src/index.ts does not export VERSION',
          'src/index.ts exports the upstream schemas (-api.ts)',
        ]),
      );
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
