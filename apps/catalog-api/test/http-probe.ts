import { connect } from 'node:net';
import { Client } from 'undici';
import { expect } from 'vitest';

export interface ProbeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface ProbeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent exactly as given: no URL normalisation (`..` and `%2e%2e` reach the server). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * An HTTP client for hostile-input tests: one keep-alive connection, paths sent verbatim (a
 * WHATWG URL would resolve `..` before the server sees it), the body read as text.
 */
export class Probe {
  readonly #client: Client;

  /** `localAddress` (e.g. 127.0.0.2) makes the requests come from another client address. */
  constructor(baseUrl: string, localAddress?: string) {
    this.#client = new Client(baseUrl, localAddress ? { localAddress } : {});
  }

  async send(request: ProbeRequest): Promise<ProbeResponse> {
    const response = await this.#client.request({
      method: request.method ?? 'GET',
      path: request.path,
      headers: request.headers ?? {},
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}

/**
 * Writes `text` on a new connection and reads until the server closes it: for requests no HTTP
 * client would send (a NUL in the request line, headers over the limit). Returns the status and
 * body of the first response.
 */
export function rawHttp(baseUrl: string, text: string): Promise<ProbeResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? NaN);
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, text: rest.join('\r\n\r\n') });
    });
  });
}

/** The API's error answer: the status, JSON, and `{ error: { code, message } }` with both non-empty. */
export function expectApiError(
  response: ProbeResponse,
  status: number | readonly number[],
): { code: string; message: string } {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  if (typeof status === 'number') expect(response.status, context).toBe(status);
  else expect(status, context).toContain(response.status);
  expect(String(response.headers['content-type']), context).toMatch(/^application\/json/);
  const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
  expect(body.error, context).toEqual(
    expect.objectContaining({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.stringMatching(/\S/) }),
  );
  return body.error as { code: string; message: string };
}
