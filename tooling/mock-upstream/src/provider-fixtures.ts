import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository's providers folder (this file is tooling/mock-upstream/src/…). */
export const DEFAULT_PROVIDERS_DIR = path.resolve(import.meta.dirname, '../../../providers');

/** slug → fixtures folder, for every provider package that has recorded fixtures. */
export function discoverProviderFixtures(providersDir: string = DEFAULT_PROVIDERS_DIR): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(providersDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(providersDir, entry.name, 'src', '__fixtures__');
    if (existsSync(path.join(dir, 'routes.json'))) found.set(entry.name, dir);
  }
  return found;
}
