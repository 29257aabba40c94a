/** What a redacted secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Shorter strings are left alone: replacing them would garble the text without protecting anything. */
const MIN_SECRET_LENGTH = 4;

/**
 * `text` with every occurrence of each secret replaced by `[REDACTED]`, as is and in its
 * percent-encoded and JSON-escaped forms (an upstream echoing a request back writes those), the
 * longest secrets first. For upstream bodies quoted in errors, which some APIs fill with the
 * credentials they were sent ("invalid key Bearer sk-…").
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  return out;
}
