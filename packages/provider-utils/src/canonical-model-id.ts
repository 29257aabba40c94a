/** Path prefixes some providers put before the model name. */
const PROVIDER_PATH_PREFIXES: readonly RegExp[] = [
  /^accounts\/[^/]+\/models\//, // Fireworks: accounts/fireworks/models/<name>
  /^models\//, // Gemini: models/<name>
];

/** Routing variants (OpenRouter-style `:free`, `:nitro`, …): the same model, another route. */
const ROUTING_SUFFIX = /:[a-z0-9-]+$/i;

/** Dated snapshots: `-20241022`, `-2024-10-22`, `@20241022`. */
const DATE_SNAPSHOT = /[-@](?:20\d{6}|20\d{2}-\d{2}-\d{2})$/;

/** `3-5` inside a name means version 3.5 (claude-3-5-sonnet ≡ claude-3.5-sonnet). */
const DASHED_VERSION = /(\d)-(\d)(?=$|-)/g;

export interface CanonicalIdOptions {
  /** Author to prefix when the id has none (e.g. "anthropic" for "claude-3-5-sonnet"). */
  author?: string;
}

/**
 * The id used to group the same model across providers: lower case, `author/model`, with
 * provider path prefixes, routing suffixes and dated-snapshot suffixes removed and dashed
 * versions written with a dot. Deterministic, so every provider agrees on it.
 */
export function canonicalModelId(id: string, options: CanonicalIdOptions = {}): string {
  let name = id.trim();
  // Vertex: publishers/<author>/models/<name>: the publisher is the author.
  name = name.replace(/^publishers\/([^/]+)\/models\//, '$1/');
  for (const prefix of PROVIDER_PATH_PREFIXES) name = name.replace(prefix, '');
  name = name.replace(ROUTING_SUFFIX, '').replace(DATE_SNAPSHOT, '').toLowerCase();
  const slash = name.lastIndexOf('/');
  let author = slash >= 0 ? name.slice(0, slash) : (options.author?.toLowerCase() ?? '');
  let model = slash >= 0 ? name.slice(slash + 1) : name;
  author = author.split('/').filter(Boolean).pop() ?? '';
  model = model.replace(DASHED_VERSION, '$1.$2');
  return author ? `${author}/${model}` : model;
}

/** The dated-snapshot or routing-variant aliases an id implies (e.g. for lookups). */
export function isDatedSnapshot(id: string): boolean {
  return DATE_SNAPSHOT.test(id.replace(ROUTING_SUFFIX, ''));
}
