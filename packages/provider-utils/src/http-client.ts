import {
  InvalidJsonError,
  ResponseTooLargeError,
  UpstreamHttpError,
  UpstreamNetworkError,
  type HttpClient,
  type HttpRequestOptions,
  type HttpResponse,
} from '@catalog/provider-contract';
import { request, type Dispatcher } from 'undici';
import { joinUrl, redactUrl } from './join-url.ts';
import { redactSecrets } from './redact-secrets.ts';
import { parseRateLimitReset } from './rate-limit-reset.ts';
import { parseRetryAfter } from './retry-after.ts';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const EXCERPT_CHARS = 300;

export interface HttpClientOptions {
  provider: string;
  baseURL: string;
  /** Headers on every request; `authHeaders` go only to the base URL's origin. */
  headers?: Record<string, string>;
  authHeaders?: Record<string, string>;
  /** Query parameters on every request to the base URL's origin (query-string auth). */
  authQuery?: Record<string, string>;
  dispatcher?: Dispatcher | undefined;
  timeoutMs?: number | undefined;
  maxBodyBytes?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * An HTTP client on undici.request: a deadline covering headers and the whole body (a
 * trickling body times out too), a body size limit, manual redirects (bounded, loops refused),
 * JSON parsing with errors that name the provider and the URL, and secrets kept out of errors.
 * A 429's delay comes from Retry-After, else from the IETF RateLimit headers (Hugging Face).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const origin = new URL(options.baseURL).origin;
  const secretParams = Object.keys(options.authQuery ?? {});
  // Quoted upstream bodies never carry the credentials this client sends (some APIs echo them).
  const secrets = [
    ...Object.values(options.authQuery ?? {}),
    ...Object.values(options.authHeaders ?? {}).flatMap((value) => [value, value.replace(/^\S+\s+/, '')]),
  ];

  async function requestJson(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    requestOptions: HttpRequestOptions & { form?: Record<string, string> } = {},
  ): Promise<HttpResponse> {
    let url = joinUrl(options.baseURL, pathOrUrl, requestOptions.query);
    const body = requestOptions.form ? new URLSearchParams(requestOptions.form).toString() : undefined;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const visited = new Set<string>();

    for (let hop = 0; ; hop++) {
      const sameOrigin = url.origin === origin;
      if (sameOrigin) for (const [k, v] of Object.entries(options.authQuery ?? {})) url.searchParams.set(k, v);
      const shownUrl = redactUrl(url, secretParams);
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': 'catalog-provider (+https://github.com/catalog-dev/catalog)',
        ...options.headers,
        ...(sameOrigin ? options.authHeaders : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...requestOptions.headers,
      };

      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
      } catch (cause) {
        throw networkError(options, shownUrl, cause, deadline);
      }

      const responseHeaders = flattenHeaders(response.headers);
      if (response.statusCode >= 300 && response.statusCode < 400 && responseHeaders.location) {
        await response.body.dump();
        visited.add(url.toString());
        const next = new URL(responseHeaders.location, url);
        if (method !== 'GET' || hop + 1 > MAX_REDIRECTS || visited.has(next.toString())) {
          throw new UpstreamHttpError({
            provider: options.provider,
            url: shownUrl,
            status: response.statusCode,
            bodyExcerpt: `redirect ${visited.has(next.toString()) ? 'loop' : 'chain too long'} (to ${redactUrl(next, secretParams)})`,
          });
        }
        url = next;
        continue;
      }

      const text = await readBody(response, options, shownUrl, maxBodyBytes, deadline);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw new UpstreamHttpError({
          provider: options.provider,
          url: shownUrl,
          status: response.statusCode,
          bodyExcerpt: excerpt(text, secrets),
          retryAfterMs:
            parseRetryAfter(responseHeaders['retry-after']) ??
            (response.statusCode === 429
              ? parseRateLimitReset(responseHeaders['ratelimit'], responseHeaders['ratelimit-policy'])
              : undefined),
        });
      }
      let parsedBody: unknown;
      try {
        parsedBody = JSON.parse(text);
      } catch (cause) {
        throw new InvalidJsonError({
          provider: options.provider,
          url: shownUrl,
          bodyExcerpt: excerpt(text, secrets),
          cause,
        });
      }
      return { url: shownUrl, status: response.statusCode, headers: responseHeaders, body: parsedBody };
    }
  }

  return {
    getJson: (pathOrUrl, requestOptions) => requestJson('GET', pathOrUrl, requestOptions),
    postForm: (pathOrUrl, form, requestOptions) => requestJson('POST', pathOrUrl, { ...requestOptions, form }),
  };
}

async function readBody(
  response: Dispatcher.ResponseData,
  options: HttpClientOptions,
  shownUrl: string,
  maxBodyBytes: number,
  deadline: AbortSignal,
): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    response.body.destroy();
    throw new ResponseTooLargeError({ provider: options.provider, url: shownUrl, limitBytes: maxBodyBytes });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > maxBodyBytes) {
        response.body.destroy();
        throw new ResponseTooLargeError({ provider: options.provider, url: shownUrl, limitBytes: maxBodyBytes });
      }
      chunks.push(buffer);
    }
  } catch (cause) {
    if (cause instanceof ResponseTooLargeError) throw cause;
    throw networkError(options, shownUrl, cause, deadline);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function networkError(options: HttpClientOptions, shownUrl: string, cause: unknown, deadline: AbortSignal): unknown {
  // The caller cancelled (e.g. the kernel's per-attempt timeout): let its reason through.
  if (options.signal?.aborted && !deadline.aborted) return options.signal.reason ?? cause;
  const code = (cause as { code?: string } | undefined)?.code;
  const timedOut =
    deadline.aborted ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT';
  return new UpstreamNetworkError({ provider: options.provider, url: shownUrl, timedOut, cause });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The start of a body for an error message, on one line, secrets redacted before it is cut. */
function excerpt(text: string, secrets: readonly string[]): string {
  const oneLine = redactSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return oneLine.length > EXCERPT_CHARS ? `${oneLine.slice(0, EXCERPT_CHARS)}…` : oneLine;
}
