import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from './api-error.ts';

/**
 * Answers a request Node's HTTP parser refused before any route saw it (headers over the size
 * limit, a malformed request line, a NUL in the URL, a client too slow to send its headers) with
 * the API's error shape, then closes the connection. For Fastify's `clientErrorHandler` option
 * (or `server.on('clientError', …)`); Fastify's default answers `{error, message, statusCode}`.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const apiError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError(
          431,
          'request_header_fields_too_large',
          'the request line and headers are larger than this server accepts; send fewer or smaller headers',
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiError(408, 'request_timeout', 'the request was not received in time')
        : new ApiError(400, 'invalid_request', `the request is not valid HTTP (${error.code ?? error.message})`);
  const body = JSON.stringify(apiError.body());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
