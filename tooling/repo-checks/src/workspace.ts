import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface WorkspacePackage {
  dir: string;
  /** Path relative to the repository root, e.g. providers/groq. */
  relativeDir: string;
  json: PackageJson;
}

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  type?: string;
  sideEffects?: boolean;
  engines?: { node?: string };
  repository?: { type?: string; url?: string; directory?: string };
  exports?: Record<string, unknown>;
  files?: string[];
  publishConfig?: { access?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  catalog?: { tier?: string };
}

/** Every workspace package under packages/, providers/, apps/ and tooling/. */
export function workspacePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'providers', 'apps', 'tooling']) {
    const groupDir = path.join(ROOT, group);
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      const dir = path.join(groupDir, entry.name);
      if (!entry.isDirectory() || !existsSync(path.join(dir, 'package.json'))) continue;
      found.push({
        dir,
        relativeDir: `${group}/${entry.name}`,
        json: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')),
      });
    }
  }
  return found;
}

export const publishable = (pkg: WorkspacePackage) => !pkg.json.private;
export const isProvider = (pkg: WorkspacePackage) => pkg.relativeDir.startsWith('providers/');
