import { createHash } from 'node:crypto';

/**
 * The merged catalog's version, derived from content: every provider's list version (a content
 * hash from the kernel) and the overrides' version. Equal content gives an equal version on every
 * instance, so it works as an ETag across a fleet.
 */
export function catalogVersion(providerVersions: ReadonlyMap<string, string>, overridesVersion: string): string {
  const hash = createHash('sha256');
  for (const slug of [...providerVersions.keys()].sort()) hash.update(`${slug}=${providerVersions.get(slug)}\n`);
  hash.update(`overrides=${overridesVersion}`);
  return hash.digest('base64url').slice(0, 20);
}
