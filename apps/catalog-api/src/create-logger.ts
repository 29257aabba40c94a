import type { FastifyRequest } from 'fastify';
import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.ts';

/** Query parameters whose values never reach the log: tokens, keys, secrets, passwords, signatures. */
const SECRET_PARAM = /token|key|secret|passw|auth|signature|credential|session/i;

/**
 * The URL as logged: the value of every query parameter named like a credential replaced by
 * `[redacted]` (the admin routes refuse a token in the URL, but the request is logged first).
 */
export function redactQuery(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const pairs = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: match on the raw name.
      }
      return SECRET_PARAM.test(name) ? `${rawName}=[redacted]` : pair;
    });
  return `${url.slice(0, question)}?${pairs.join('&')}`;
}

/**
 * The app's structured logger. Authorization headers, API keys and tokens are redacted wherever
 * they appear in a logged object, and from the query string of logged request URLs; provider
 * keys are never put in log objects in the first place. Logs go to `destination`, else to fd 1
 * (standard output), written asynchronously and flushed at exit.
 */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      // pino's default fields, read now: pino itself reads them when it is loaded, which for the
      // start snapshot (src/snapshot/) is at build time, in another process.
      base: { pid: process.pid, hostname: hostname() },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.apiKey',
          'apiKey',
          '*.token',
          'token',
          'ADMIN_TOKEN',
          '*.ADMIN_TOKEN',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Fastify's request serializer (it takes ours over its own), with the query redacted.
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: redactQuery(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    // Without a destination: fd 1 through sonic-boom, as pino's own default, but without reading
    // process.stdout first (creating that stream took 1.5–3.5 ms of a cold start before the
    // warm-up's requests; a replaced process.stdout is not written through).
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
