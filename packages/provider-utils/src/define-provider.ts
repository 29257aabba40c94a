import {
  CONTRACT_VERSION,
  InvalidSettingError,
  type CatalogProvider,
  type FetchContext,
  type FetchModelsOptions,
  type FetchModelsResult,
  type HttpClient,
  type ProviderAuth,
  type ProviderSettings,
  type ProviderTier,
} from '@catalog/provider-contract';
import type { Dispatcher } from 'undici';
import { createHttpClient } from './http-client.ts';
import { noopLogger } from './noop-logger.ts';
import { resolveApiKey } from './resolve-api-key.ts';

/** What a provider package declares; `defineProvider` turns it into a settings-taking factory. */
export interface ProviderDefinition<TSettings extends ProviderSettings = ProviderSettings> {
  slug: string;
  displayName: string;
  tier: ProviderTier;
  docsUrl: string;
  auth: ProviderAuth;
  defaultBaseURL: string;
  /** Computes the base URL from settings when it depends on them (e.g. a region). */
  baseURL?: (settings: TSettings) => string;
  /**
   * Auth headers a provider computes itself (auth kind "custom", e.g. an OAuth token). Called
   * per fetch, after the key was resolved.
   */
  customAuthHeaders?: (ctx: {
    apiKey: string | undefined;
    settings: TSettings;
    signal: AbortSignal;
    /** An HTTP client for the auth exchange (same limits, no auth headers). */
    http: HttpClient;
  }) => Promise<Record<string, string>>;
  fetchModels(ctx: FetchContext, settings: TSettings): Promise<FetchModelsResult>;
  /** A curated catalog shipped with the package (see CatalogProvider.bundledModels). */
  bundledModels?: () => FetchModelsResult;
}

export type ProviderFactory<TSettings extends ProviderSettings = ProviderSettings> = (
  settings?: TSettings,
) => CatalogProvider;

/**
 * Builds a provider factory from a definition. The factory validates settings at once, and
 * reads keys only when `fetchModels` is called (nothing reads env or connects at import).
 */
export function defineProvider<TSettings extends ProviderSettings = ProviderSettings>(
  definition: ProviderDefinition<TSettings>,
): ProviderFactory<TSettings> {
  return (settings = {} as TSettings) => {
    const baseURL = settings.baseURL ?? definition.baseURL?.(settings) ?? definition.defaultBaseURL;
    if (!URL.canParse(baseURL) || !/^https?:/i.test(baseURL)) {
      throw new InvalidSettingError(definition.slug, 'baseURL', `"${baseURL}" is not an http(s) URL`);
    }
    for (const name of ['timeoutMs', 'maxBodyBytes'] as const) {
      const value = settings[name];
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
        throw new InvalidSettingError(definition.slug, name, `expected a positive number, got ${String(value)}`);
      }
    }
    const { auth, slug } = definition;
    const env = () => settings.env ?? process.env;

    async function fetchModels(options: FetchModelsOptions = {}): Promise<FetchModelsResult> {
      const apiKey = resolveApiKey(slug, auth, settings.apiKey, env());
      const signal = options.signal ?? new AbortController().signal;
      const authHeaders: Record<string, string> = {};
      const authQuery: Record<string, string> = {};
      if (apiKey && auth.kind === 'header')
        authHeaders[auth.header] = auth.scheme ? `${auth.scheme} ${apiKey}` : apiKey;
      if (apiKey && auth.kind === 'query') authQuery[auth.param] = apiKey;
      const common = {
        provider: slug,
        baseURL,
        headers: settings.headers,
        dispatcher: settings.dispatcher as Dispatcher | undefined,
        timeoutMs: settings.timeoutMs,
        maxBodyBytes: settings.maxBodyBytes,
        signal,
      };
      if (definition.customAuthHeaders) {
        const authHttp = createHttpClient(common);
        Object.assign(authHeaders, await definition.customAuthHeaders({ apiKey, settings, signal, http: authHttp }));
      }
      const http = createHttpClient({ ...common, authHeaders, authQuery });
      return definition.fetchModels(
        { provider: slug, http, apiKey, signal, logger: options.logger ?? noopLogger },
        settings,
      );
    }

    return {
      contractVersion: CONTRACT_VERSION,
      slug,
      displayName: definition.displayName,
      tier: definition.tier,
      docsUrl: definition.docsUrl,
      auth,
      baseURL,
      isConfigured() {
        if (auth.kind === 'none' || !auth.required) return true;
        return Boolean((settings.apiKey ?? env()[auth.envVar])?.trim());
      },
      fetchModels,
      ...(definition.bundledModels ? { bundledModels: definition.bundledModels } : {}),
    };
  };
}
