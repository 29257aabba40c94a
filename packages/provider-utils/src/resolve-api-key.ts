import { MissingApiKeyError, type ProviderAuth } from '@catalog/provider-contract';

/**
 * The API key for a request: the `apiKey` setting, else the provider's environment variable,
 * read now (never at import). A required key that is missing throws MissingApiKeyError, naming
 * both the setting and the variable, before any network call.
 */
export function resolveApiKey(
  provider: string,
  auth: ProviderAuth,
  apiKey: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (auth.kind === 'none') return undefined;
  const key = (apiKey ?? env[auth.envVar])?.trim() || undefined;
  if (!key && auth.required) throw new MissingApiKeyError(provider, auth.envVar);
  return key;
}
