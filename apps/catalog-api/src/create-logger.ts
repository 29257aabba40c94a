import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.ts';

/**
 * The app's structured logger. Authorization headers, API keys and tokens are redacted wherever
 * they appear in a logged object; provider keys are never put in log objects in the first place.
 */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
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
  });
}
