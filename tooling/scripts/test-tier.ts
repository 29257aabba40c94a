/**
 * Runs the tests of one tier's provider packages and of what they depend on, through turbo
 * (cached): `pnpm test:tier high|medium|low [turbo options]`. CI splits the provider matrix this
 * way: one job per tier (the tiers are the `"catalog": { "tier" }` field of each provider's
 * package.json), and turbo's cache skips what a job already tested.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const TIERS = ['high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The names of the provider packages declaring this tier, sorted. */
export function tierPackages(tier: Tier, root: string = ROOT): string[] {
  const providersDir = path.join(root, 'providers');
  return readdirSync(providersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(providersDir, entry.name, 'package.json')))
    .map(
      (entry) =>
        JSON.parse(readFileSync(path.join(providersDir, entry.name, 'package.json'), 'utf8')) as {
          name: string;
          catalog?: { tier?: string };
        },
    )
    .filter((pkg) => pkg.catalog?.tier === tier)
    .map((pkg) => pkg.name)
    .sort();
}

/**
 * The pnpm arguments running turbo's `test` task for these packages and everything they depend
 * on (`--filter=<name>...`; `test` depends on `^test`, so the dependencies' tests run first).
 */
export function turboTestArgs(packages: readonly string[], extra: readonly string[] = []): string[] {
  return ['exec', 'turbo', 'run', 'test', ...packages.map((name) => `--filter=${name}...`), ...extra];
}

function main(argv: readonly string[]): number {
  const tier = argv[0];
  if (!tier || !(TIERS as readonly string[]).includes(tier)) {
    console.error('usage: pnpm test:tier high|medium|low [turbo options]');
    return 2;
  }
  const packages = tierPackages(tier as Tier);
  if (packages.length === 0) {
    console.error(`no provider package declares "catalog": { "tier": "${tier}" }`);
    return 1;
  }
  // On stderr, so `--dry=json` leaves turbo's JSON alone on stdout.
  console.error(`tier ${tier}: ${packages.length} providers: ${packages.join(', ')}`);
  const result = spawnSync('pnpm', turboTestArgs(packages, argv.slice(1)), { cwd: ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

if (import.meta.main) process.exit(main(process.argv.slice(2)));
