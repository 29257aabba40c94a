import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The catalog API's sources: the suite runs the app as a program (no build-time dependency on it). */
export const API_SRC = path.resolve(import.meta.dirname, '../../../apps/catalog-api/src');

type Factories = Record<
  string,
  (settings: { env: Record<string, string> }) => { auth: { kind: string; envVar?: string } }
>;

/**
 * Every provider slug the API serves, and for each one that takes a key a distinctive placeholder
 * (`fault-matrix-secret-<var>`): the mock upstream accepts any key, and the suite checks none of
 * them ever shows in the API's output.
 */
export async function providerKeys(): Promise<{ slugs: string[]; keyEnv: Record<string, string> }> {
  const url = pathToFileURL(path.join(API_SRC, 'provider-factories.ts')).href;
  const factories = ((await import(url)) as { PROVIDER_FACTORIES: Factories }).PROVIDER_FACTORIES;
  const keyEnv: Record<string, string> = {};
  for (const factory of Object.values(factories)) {
    const auth = factory({ env: {} }).auth;
    if (auth.kind !== 'none' && auth.envVar) keyEnv[auth.envVar] = `fault-matrix-secret-${auth.envVar.toLowerCase()}`;
  }
  return { slugs: Object.keys(factories).sort(), keyEnv };
}
