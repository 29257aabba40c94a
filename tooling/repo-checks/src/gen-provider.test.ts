import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChangeset, providerProblems, publishableProblems, readPackage } from './conventions.ts';
import { ROOT, workspacePackages } from './workspace.ts';

/**
 * `pnpm gen:provider` scaffolds a provider that passes its tests and the repository's conventions
 * out of the box: generated into a temporary root (nothing is written into the repository), linked
 * to the workspace packages it depends on the way pnpm would, then its own vitest run, tsc, and the
 * conformance checks the real providers pass. The folder is removed afterwards.
 */

const SLUG = 'acme-example';
const NAME = '@catalog/provider-acme-example';
const tmpRoot = mkdtempSync(path.join(tmpdir(), 'gen-provider-'));
const pkgDir = path.join(tmpRoot, 'providers', SLUG);

function run(command: string, args: string[], cwd: string) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

/** Where a dependency of the workspace's providers really lives (pnpm's symlinks resolved). */
function installed(name: string): string {
  return realpathSync(path.join(ROOT, 'providers', 'openrouter', 'node_modules', name));
}

let generated: ReturnType<typeof run>;

beforeAll(() => {
  generated = run(
    process.execPath,
    [
      path.join(ROOT, 'tooling/scripts/gen-provider.ts'),
      SLUG,
      '--name',
      'Acme Example',
      '--tier',
      'low',
      '--base-url',
      'https://api.acme-example.test/v1',
      '--env',
      'ACME_EXAMPLE_API_KEY',
      '--root',
      tmpRoot,
    ],
    ROOT,
  );
  if (generated.status !== 0) return;
  // What `pnpm install` would link: the package's dependencies, from the workspace.
  const json = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const links = Object.keys({ ...json.dependencies, ...json.devDependencies }).map((name) => [name, installed(name)]);
  // …and the Node types pnpm hoists to the repository root (the shared tsconfig names them).
  links.push(['@types/node', realpathSync(path.join(ROOT, 'node_modules', '@types', 'node'))]);
  for (const [name, target] of links) {
    const link = path.join(pkgDir, 'node_modules', name!);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target!, link, 'dir');
  }
});

afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
// (the generated package's own test run and tsc get their own, generous, timeouts below)

describe('pnpm gen:provider', () => {
  it('writes the package and its changeset under the given root only', () => {
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toContain(`created providers/${SLUG} (${NAME})`);
    expect(existsSync(path.join(ROOT, 'providers', SLUG))).toBe(false);
    expect(readFileSync(path.join(tmpRoot, '.changeset', `provider-${SLUG}-initial.md`), 'utf8')).toContain(
      `'${NAME}': minor`,
    );
  });

  it('passes the conformance checks every provider package passes', () => {
    const pkg = readPackage(pkgDir, `providers/${SLUG}`);
    expect(providerProblems(pkg)).toEqual([]);
    expect(publishableProblems(pkg, workspacePackages())).toEqual([]);
    expect(hasChangeset(pkg, tmpRoot)).toBe(true);
    expect(pkg.json.catalog?.tier).toBe('low');
  });

  it('passes its own tests out of the box: the shared contract suite on the generated fixture', () => {
    const reportFile = path.join(tmpRoot, 'vitest-report.json');
    const vitest = run(
      process.execPath,
      [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile.json=${reportFile}`],
      pkgDir,
    );
    expect(vitest.status, `${vitest.stdout}\n${vitest.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numTotalTests: number;
      numPassedTests: number;
      testResults: { assertionResults: { fullName: string; status: string }[] }[];
    };
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    // Every case of the shared suite ran and passed (none skipped), the mixed and empty cases included.
    expect(report.numPassedTests).toBe(report.numTotalTests);
    expect(tests.every((test) => test.status === 'passed')).toBe(true);
    expect(tests.map((test) => test.fullName)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${SLUG}: fetchModels contract .*mixed`)),
        expect.stringMatching(new RegExp(`^${SLUG}: fetchModels contract an empty list`)),
        expect.stringMatching(new RegExp(`^${SLUG}: fetchModels contract without a key`)),
      ]),
    );
    expect(tests.length).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('type-checks', () => {
    const tsc = run(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', pkgDir],
      pkgDir,
    );
    expect(tsc.status, `${tsc.stdout}\n${tsc.stderr}`).toBe(0);
  }, 120_000);

  it('refuses to overwrite an existing provider', () => {
    const again = run(
      process.execPath,
      [path.join(ROOT, 'tooling/scripts/gen-provider.ts'), SLUG, '--base-url', 'https://x.test/v1', '--root', tmpRoot],
      ROOT,
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`providers/${SLUG} exists already`);
  });
});
