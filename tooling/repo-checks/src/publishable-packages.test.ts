import { describe, expect, it } from 'vitest';
import { hasChangeset, publishableProblems } from './conventions.ts';
import { publishable, ROOT, workspacePackages } from './workspace.ts';

const packages = workspacePackages();

describe('every publishable package', () => {
  it('exists (sanity)', () => {
    expect(packages.filter(publishable).length).toBeGreaterThanOrEqual(33);
  });

  for (const pkg of packages.filter(publishable)) {
    describe(pkg.json.name, () => {
      it('has the uniform package.json fields, exports, workspace:^ dependencies and a README', () => {
        expect(publishableProblems(pkg, packages)).toEqual([]);
      });

      it('is named in a changeset or has been released', () => {
        expect(hasChangeset(pkg, ROOT)).toBe(true);
      });
    });
  }
});
