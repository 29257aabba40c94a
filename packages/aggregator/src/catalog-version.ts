import { createHash } from 'node:crypto';

/**
 * The merged catalog's version, derived from content: every provider's version (its list's
 * content hash from the kernel and the version of its overrides; `overridesVersion` only for
 * callers whose provider versions do not carry that). Equal content gives an equal version on
 * every instance, so it works as an ETag across a fleet; overrides of providers the catalog does
 * not serve leave it unchanged.
 */
export function catalogVersion(providerVersions: ReadonlyMap<string, string>, overridesVersion?: string): string {
  const hash = createHash('sha256');
  for (const slug of [...providerVersions.keys()].sort()) hash.update(`${slug}=${providerVersions.get(slug)}\n`);
  if (overridesVersion !== undefined) hash.update(`overrides=${overridesVersion}`);
  return hash.digest('base64url').slice(0, 20);
}
