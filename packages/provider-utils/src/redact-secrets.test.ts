import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact-secrets.ts';

describe('redactSecrets', () => {
  it('replaces every occurrence, as is, percent-encoded and JSON-escaped', () => {
    const key = 'sk-a/b+c"d';
    const text = `key ${key} again ${key}; url ?key=${encodeURIComponent(key)}; json ${JSON.stringify({ key })}`;
    const redacted = redactSecrets(text, [key]);
    expect(redacted).toBe(`key ${REDACTED} again ${REDACTED}; url ?key=${REDACTED}; json {"key":"${REDACTED}"}`);
  });

  it('redacts a whole header value before the token inside it', () => {
    expect(redactSecrets('sent "Bearer sk-123456" and sk-123456', ['sk-123456', 'Bearer sk-123456'])).toBe(
      `sent "${REDACTED}" and ${REDACTED}`,
    );
  });

  it('leaves text without secrets, and secrets too short to mean anything, alone', () => {
    expect(redactSecrets('nothing to hide', ['sk-123456'])).toBe('nothing to hide');
    expect(redactSecrets('a b c', ['a', ''])).toBe('a b c');
  });
});
