import type { CatalogModel } from './catalog-model.ts';
import type { ContractVersion } from './contract-version.ts';

export type ProviderTier = 'high' | 'medium' | 'low';

/** How a provider authenticates its model-list request. */
export type ProviderAuth =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'header';
      /** Environment variable read (at request time) when no `apiKey` setting is given. */
      readonly envVar: string;
      /** Header name, e.g. "authorization" or "x-api-key". */
      readonly header: string;
      /** Prefix before the key, e.g. "Bearer" or "Key"; absent for a raw key. */
      readonly scheme?: string;
      /** false: the key is optional (public list; a key may unlock more). */
      readonly required: boolean;
    }
  | {
      readonly kind: 'query';
      readonly envVar: string;
      readonly param: string;
      readonly required: boolean;
    }
  | {
      /** The provider computes its own credentials (e.g. OAuth from a service account). */
      readonly kind: 'custom';
      readonly envVar: string;
      readonly required: boolean;
      readonly description: string;
    };

/** Structured logger; pino's methods fit. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Settings every provider factory accepts. */
export interface ProviderSettings {
  /** Replace the default base URL (proxies, self-hosting, local test servers). */
  baseURL?: string;
  /** The API key; when absent, the provider's environment variable is read at request time. */
  apiKey?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * An undici Dispatcher (e.g. a tuned Agent) for connection pooling. Leave it unset in tests
   * so MSW can intercept requests.
   */
  dispatcher?: unknown;
  /** Per-request timeout for headers and for the whole body, in ms (default 30 000). */
  timeoutMs?: number;
  /** Largest body read, in bytes (default 64 MiB). */
  maxBodyBytes?: number;
  /** Environment to read keys from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON: unknown until a zod schema has parsed it. */
  readonly body: unknown;
}

export interface HttpRequestOptions {
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

/** The HTTP helper in a fetch context: base URL, auth and limits already applied. */
export interface HttpClient {
  /** GET a path (joined to the base URL) or an absolute URL and parse the JSON body. */
  getJson(pathOrUrl: string, options?: HttpRequestOptions): Promise<HttpResponse>;
  /** POST an application/x-www-form-urlencoded body (e.g. an OAuth token exchange) and parse the JSON answer. */
  postForm(pathOrUrl: string, form: Record<string, string>, options?: HttpRequestOptions): Promise<HttpResponse>;
}

/** An upstream entry that failed validation and was skipped (the good ones are kept). */
export interface SkippedEntry {
  /** The entry's id when it had a readable one. */
  readonly id?: string;
  readonly reason: string;
}

export interface FetchContext {
  readonly provider: string;
  readonly http: HttpClient;
  /** The resolved API key, or undefined for keyless requests. */
  readonly apiKey: string | undefined;
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

export interface FetchModelsResult {
  readonly models: CatalogModel[];
  readonly skipped: SkippedEntry[];
}

export interface FetchModelsOptions {
  signal?: AbortSignal;
  logger?: Logger;
}

/** A configured provider, as the aggregator and kernel use it. */
export interface CatalogProvider {
  readonly contractVersion: ContractVersion;
  readonly slug: string;
  readonly displayName: string;
  readonly tier: ProviderTier;
  readonly docsUrl: string;
  readonly auth: ProviderAuth;
  readonly baseURL: string;
  /** false when a required key is missing: the provider is "not configured", not failing. */
  isConfigured(): boolean;
  /** Fetch the provider's models as unified records. Throws MissingApiKeyError or an UpstreamError. */
  fetchModels(options?: FetchModelsOptions): Promise<FetchModelsResult>;
  /**
   * Models shipped inside the package (a curated catalog), served while the upstream has never
   * answered. Only providers whose API is incomplete or often unreachable have one (e.g. fal).
   */
  bundledModels?(): FetchModelsResult;
}
