import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishable, ROOT, workspacePackages } from './workspace.ts';

const packages = workspacePackages();
const internalNames = new Set(packages.map((p) => p.json.name));

describe('every publishable package', () => {
  it('exists (sanity)', () => {
    expect(packages.filter(publishable).length).toBeGreaterThanOrEqual(33);
  });

  for (const pkg of packages.filter(publishable)) {
    describe(pkg.json.name, () => {
      it('has the uniform package.json fields', () => {
        const json = pkg.json;
        expect(json.type).toBe('module');
        expect(json.sideEffects).toBe(false);
        expect(json.license).toBe('MIT');
        expect(json.description?.length).toBeGreaterThan(20);
        expect(json.engines?.node).toBe('>=22.12');
        expect(json.repository?.directory).toBe(pkg.relativeDir);
        expect(json.publishConfig?.access).toBe('public');
        expect(json.files).toEqual(expect.arrayContaining(['dist', '!src/**/*.test.ts', '!src/**/__fixtures__']));
        for (const script of ['build', 'typecheck', 'test', 'check:package'])
          expect(json.scripts).toHaveProperty(script);
      });

      it('lists types first in every export and has a source condition for tests', () => {
        for (const [subpath, target] of Object.entries(pkg.json.exports ?? {})) {
          if (subpath === './package.json') continue;
          const keys = Object.keys(target as Record<string, string>);
          expect(keys[0], `${subpath}: the source condition comes first`).toBe('@catalog/source');
          expect(keys.indexOf('types'), `${subpath}: types before import`).toBeLessThan(keys.indexOf('import'));
        }
      });

      it('depends on workspace packages with workspace:^ (never workspace:*)', () => {
        const all = { ...pkg.json.dependencies, ...pkg.json.devDependencies, ...pkg.json.peerDependencies };
        for (const [name, range] of Object.entries(all)) {
          if (internalNames.has(name)) expect(range, name).toBe('workspace:^');
        }
        for (const name of Object.keys(pkg.json.dependencies ?? {})) {
          const dep = packages.find((p) => p.json.name === name);
          if (dep) expect(dep.json.private, `${name} is private and cannot be a runtime dependency`).not.toBe(true);
        }
      });

      it('has a README with its API and configuration', () => {
        const readme = path.join(pkg.dir, 'README.md');
        expect(existsSync(readme)).toBe(true);
        expect(readFileSync(readme, 'utf8')).toContain(pkg.json.name);
      });

      it('is named in a changeset or has been released', () => {
        const changesets = readdirSync(path.join(ROOT, '.changeset'))
          .filter((f) => f.endsWith('.md') && f !== 'README.md')
          .map((f) => readFileSync(path.join(ROOT, '.changeset', f), 'utf8'));
        const released = existsSync(path.join(pkg.dir, 'CHANGELOG.md'));
        expect(
          released ||
            changesets.some((text) => text.includes(`'${pkg.json.name}'`) || text.includes(`"${pkg.json.name}"`)),
        ).toBe(true);
      });
    });
  }
});
