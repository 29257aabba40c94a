/**
 * Runs the tests of one tier's provider packages and of what they depend on, through turbo
 * (cached): `pnpm test:tier high|medium|low`. CI can split the provider matrix this way.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const tier = process.argv[2];
if (!tier || !['high', 'medium', 'low'].includes(tier)) {
  console.error('usage: pnpm test:tier high|medium|low');
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '../..');
const providersDir = path.join(root, 'providers');
const packages = readdirSync(providersDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const pkg = JSON.parse(readFileSync(path.join(providersDir, entry.name, 'package.json'), 'utf8')) as {
      name: string;
      catalog?: { tier?: string };
    };
    return pkg;
  })
  .filter((pkg) => pkg.catalog?.tier === tier)
  .map((pkg) => pkg.name);

if (packages.length === 0) {
  console.error(`no provider package declares "catalog": { "tier": "${tier}" }`);
  process.exit(1);
}
console.log(`tier ${tier}: ${packages.length} providers: ${packages.join(', ')}`);
const filters = packages.map((name) => `--filter=${name}...`);
const result = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', ...filters, ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
