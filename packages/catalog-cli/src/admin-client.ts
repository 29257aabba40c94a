/** A failure talking to the catalog API, with what to do about it. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export interface AdminClientOptions {
  url: string;
  token: string | undefined;
  fetch?: typeof fetch;
}

/** The catalog API's admin and catalog routes, with the bearer token and readable errors. */
export class AdminClient {
  readonly #url: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: AdminClientOptions) {
    if (!URL.canParse(options.url))
      throw new CliError(`"${options.url}" is not a URL: pass --url http://host:port or set CATALOG_URL`, 2);
    this.#url = options.url.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, admin = true): Promise<T> {
    if (admin && !this.#token)
      throw new CliError("no admin token: pass --token or set CATALOG_ADMIN_TOKEN (the API's ADMIN_TOKEN)", 2);
    let response: Response;
    try {
      response = await this.#fetch(`${this.#url}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(admin ? { authorization: `Bearer ${this.#token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new CliError(
        `cannot reach the catalog API at ${this.#url}: ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`,
      );
    }
    const payload = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    if (response.status === 401)
      throw new CliError(`the admin token was refused by ${this.#url} (401): check --token / CATALOG_ADMIN_TOKEN`, 3);
    if (response.status === 404 && path.startsWith('/admin')) {
      throw new CliError(
        payload?.error?.message ?? `${this.#url} has no admin routes: start the API with ADMIN_TOKEN set`,
        3,
      );
    }
    if (!response.ok)
      throw new CliError(
        `${method} ${path} failed (${response.status}): ${payload?.error?.message ?? response.statusText}`,
      );
    return payload as T;
  }
}
