import fc from 'fast-check';

/** The part of JSON Schema that zod's toJSONSchema writes into /openapi.json for our routes. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

/** Values near and at the edges of what a schema accepts: enum members, bounds, pattern matches. */
export function schemaArbitrary(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => schemaArbitrary(s, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({
        unit: 'grapheme',
        minLength: Math.max(0, (schema.minLength ?? 0) - 1),
        maxLength: Math.min((schema.maxLength ?? 64) + 1, 600),
      });
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
      const max = Math.min(schema.maximum ?? 1e9, Number.MAX_SAFE_INTEGER);
      return fc.oneof(
        fc.integer({ min: Math.max(min, -Number.MAX_SAFE_INTEGER), max }),
        fc.constantFrom(min - 1, min, max, max + 1),
        fc.double({ noNaN: true }),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schemaArbitrary(schema.items ?? {}, depth + 1), {
        maxLength: Math.min((schema.maxItems ?? 5) + 1, 8),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, schemaArbitrary(s, depth + 1)])),
        { requiredKeys: [...required].filter((name) => name in properties) },
      );
      // Sometimes a required field is dropped or an unknown one added.
      return fc
        .tuple(record, fc.option(fc.string({ maxLength: 8 })), fc.option(fc.jsonValue({ maxDepth: 1 })))
        .map(([value, extraName, extraValue]) => {
          const out: Record<string, unknown> = { ...value };
          if (extraName !== null) out[extraName] = extraValue;
          return out;
        });
    }
    default:
      return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

/** Percent-encodes every byte of the UTF-8 form that is not unreserved (lone surrogates become U+FFFD). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Hostile strings, already in URL form: anything a client could put in a path segment or query value. */
export function hostileUrlText(): fc.Arbitrary<string> {
  const fragments = fc.constantFrom(
    '..',
    '.',
    '/',
    '%2e%2e',
    '%2E%2E%2F',
    '%2f',
    '%5c',
    '\\',
    '%00',
    '%25',
    '%252e%252e',
    '%25%32%65',
    '%C0%AE',
    '%FF',
    '%',
    '%zz',
    '%u002e',
    '~',
    ';',
    ',',
    '+',
    '%20',
    '%0d%0a',
    '*',
    ':',
    '@',
    '$',
    '!',
    "'",
    '(',
    ')',
    '[',
    ']',
  );
  return fc.oneof(
    // Any Unicode, correctly encoded (lone surrogates included).
    fc.string({ unit: 'binary', maxLength: 80 }).map(percentEncode),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map(percentEncode),
    // Arbitrary bytes, so invalid UTF-8 too.
    fc
      .uint8Array({ maxLength: 24 })
      .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
    // Path tricks mixed with ordinary characters.
    fc
      .array(fc.oneof(fragments, fc.stringMatching(/^[a-z0-9-]{1,6}$/)), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.join('')),
    // Double encoding of any of the above.
    fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => percentEncode(percentEncode(s))),
    // Long (six of these still fit in Node's 16 KiB header limit, which answers 431 before any route).
    fc.integer({ min: 500, max: 2_000 }).map((n) => 'a'.repeat(n)),
    fc.constantFrom('', '-1', '0', '1e309', 'NaN', 'Infinity', '0x10', '9007199254740993', '__proto__', 'constructor'),
  );
}
