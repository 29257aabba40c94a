/**
 * Joins a base URL and a path ("https://x/api/v1" + "/models" → "https://x/api/v1/models") and
 * appends query parameters (undefined values left out). An absolute `pathOrUrl` is used as is
 * (pagination links).
 */
export function joinUrl(
  baseURL: string,
  pathOrUrl: string,
  query?: Record<string, string | number | boolean | undefined>,
): URL {
  const url = /^https?:\/\//i.test(pathOrUrl)
    ? new URL(pathOrUrl)
    : new URL(`${baseURL.replace(/\/+$/, '')}/${pathOrUrl.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

/** The URL as it may appear in errors and logs: secret query parameters replaced. */
export function redactUrl(url: URL, secretParams: readonly string[]): string {
  if (secretParams.length === 0) return url.toString();
  const copy = new URL(url);
  for (const name of secretParams) if (copy.searchParams.has(name)) copy.searchParams.set(name, 'REDACTED');
  return copy.toString();
}
