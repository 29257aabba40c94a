import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIERS, tierPackages, turboTestArgs } from '../../scripts/test-tier.ts';
import { SEED_PROVIDERS } from './conventions.ts';
import { isProvider, ROOT, workspacePackages } from './workspace.ts';

const SCRIPT = path.join(ROOT, 'tooling/scripts/test-tier.ts');
const providers = workspacePackages().filter(isProvider);

/** The package names turbo would run `test` for (a dry run of the real script: nothing is executed). */
function dryRun(tier: string): { status: number | null; stderr: string; packages: string[] } {
  const result = spawnSync(process.execPath, [SCRIPT, tier, '--dry=json'], { cwd: ROOT, encoding: 'utf8' });
  const packages =
    result.status === 0
      ? (JSON.parse(result.stdout) as { tasks: { package: string; task: string }[] }).tasks
          .filter((task) => task.task === 'test')
          .map((task) => task.package)
          .sort()
      : [];
  return { status: result.status, stderr: result.stderr, packages };
}

describe('test-tier: which packages a tier tests', () => {
  it('selects exactly the providers whose package.json declares the tier, and every provider is in one tier', () => {
    const all = TIERS.flatMap((tier) => tierPackages(tier));
    expect([...all].sort()).toEqual(providers.map((p) => p.json.name).sort());
    expect(new Set(all).size).toBe(all.length);
    for (const tier of TIERS) {
      for (const name of tierPackages(tier)) {
        expect(providers.find((p) => p.json.name === name)?.json.catalog?.tier, name).toBe(tier);
      }
    }
    // The tiers for the seed's providers.
    const seedHigh = Object.entries(SEED_PROVIDERS)
      .filter(([, tier]) => tier === 'high')
      .map(([slug]) => `@catalog/provider-${slug}`);
    expect(tierPackages('high')).toEqual(expect.arrayContaining(seedHigh));
  });

  it('builds one turbo filter per package, with its dependencies (name...)', () => {
    expect(turboTestArgs(['@catalog/provider-a', '@catalog/provider-b'], ['--dry=json'])).toEqual([
      'exec',
      'turbo',
      'run',
      'test',
      '--filter=@catalog/provider-a...',
      '--filter=@catalog/provider-b...',
      '--dry=json',
    ]);
  });

  for (const tier of TIERS) {
    it(`${tier}: turbo runs that tier's providers and what they depend on, and no other provider`, () => {
      const { status, stderr, packages } = dryRun(tier);
      expect(status, stderr).toBe(0);
      expect(stderr).toContain(`tier ${tier}: ${tierPackages(tier).length} providers`);
      const tested = new Set(packages);
      for (const name of tierPackages(tier)) expect(tested.has(name), name).toBe(true);
      const otherProviders = providers.filter((p) => p.json.catalog?.tier !== tier).map((p) => p.json.name);
      for (const name of otherProviders) expect(tested.has(name), name).toBe(false);
      // What the providers are built on is tested too (test dependsOn ^test) …
      for (const dependency of [
        '@catalog/provider-contract',
        '@catalog/provider-utils',
        '@catalog/provider-test-suite',
      ])
        expect(tested.has(dependency), dependency).toBe(true);
      // … but not the rest of the repository.
      for (const unrelated of ['@catalog/aggregator', '@catalog/cache-kernel', '@catalog/catalog-api'])
        expect(tested.has(unrelated), unrelated).toBe(false);
    });
  }

  it('refuses an unknown tier with the usage line, before running turbo', () => {
    const result = spawnSync(process.execPath, [SCRIPT, 'urgent'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: pnpm test:tier high|medium|low');
    expect(result.stdout).toBe('');
  });
});
