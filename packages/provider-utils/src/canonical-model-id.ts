import { modelFamilyOf } from './model-families.ts';

/**
 * The grouping rules, in one place. `canonicalModelId` applies them in this order:
 *  1. provider path prefixes: `publishers/<author>/models/` (Vertex: the publisher is the author),
 *     `accounts/<account>/models/` (Fireworks: the account hosts, it is not the author), `models/` (Gemini),
 *     Clarifai's `https://clarifai.com/<user>/<app>/models/<model>` (the user is the author);
 *  2. routing suffixes: only the known ones (`:free`, `:beta`, `:nitro`, …); `qwen3:8b` keeps its size tag;
 *  3. lower case; `author/model` (the last two path segments);
 *  4. model-name spellings: Fireworks `v3p1` → `3.1`, `3-5` → `3.5`, dated snapshots dropped,
 *     `meta-llama-3.1`/`llama3.1`/`llama-v3` → `llama-3.1`, `qwen-3` → `qwen3`, `deepseek-chat-v3.1` →
 *     `deepseek-v3.1`, `flux-1` → `flux.1`, Together's `-Instruct-Turbo` → `-instruct`, Gemini's `-001` dropped,
 *     then the few documented equivalent names (KNOWN_EQUIVALENTS);
 *  5. the author: the id's own (spellings unified by AUTHOR_ALIASES), else `options.author` (a
 *     first-party API), else the author of the model's family (MODEL_FAMILIES), else none.
 */

/** OpenRouter-style routing variants: the same model, another route or price. */
const ROUTING_SUFFIX = /:(free|beta|nitro|floor|online|extended|thinking|exacto)$/i;

/** Dated snapshots every author uses: `-20241022`, `-2024-10-22`, `@20241022`. */
const DATE_SNAPSHOT = /[-@](?:20\d{6}|20\d{2}-\d{2}-\d{2})$/;

/**
 * `-MMDD` snapshots (`grok-4-0709`, `gpt-4-0613`): only for authors whose undated id is an alias
 * of the latest snapshot. Elsewhere a 4-digit suffix names another checkpoint (`deepseek-r1-0528`,
 * `kimi-k2-instruct-0905`, `qwen3-…-2507`) and is kept.
 */
const MONTH_DAY_SNAPSHOT = /-(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const MONTH_DAY_SNAPSHOT_AUTHORS = new Set(['openai', 'x-ai']);

/** Spellings of one organisation, unified to the Hugging Face organisation where there is one. */
export const AUTHOR_ALIASES: Readonly<Record<string, string>> = {
  deepseek: 'deepseek-ai',
  xai: 'x-ai',
  'z-ai': 'zai-org',
  zhipuai: 'zai-org',
  meta: 'meta-llama',
  mistral: 'mistralai',
  moonshot: 'moonshotai',
  alibaba: 'qwen',
};

/** Provider-specific names of a model everyone else names otherwise (after the spelling rules). */
export const KNOWN_EQUIVALENTS: Readonly<Record<string, string>> = {
  // Groq's names for Meta's instruct models.
  'llama-3.3-70b-versatile': 'llama-3.3-70b-instruct',
  'llama-3.1-8b-instant': 'llama-3.1-8b-instruct',
  // Llama 3.3 was released as a 70B instruct model only (Cerebras, Morpheus drop the suffix).
  'llama-3.3-70b': 'llama-3.3-70b-instruct',
  // OpenRouter's name for Qwen3-235B-A22B-Instruct-2507.
  'qwen3-235b-a22b-2507': 'qwen3-235b-a22b-instruct-2507',
};

/** Name rewrites, in order, on the lower-cased model name. */
const NAME_RULES: readonly [RegExp, string][] = [
  [/(\d)-(\d)(?=$|-)/g, '$1.$2'], // claude-3-5-sonnet ≡ claude-3.5-sonnet
  [/^meta-llama-(?=\d)/, 'llama-'], // Meta-Llama-3.1-8B-Instruct
  [/^llama-?v?(?=\d)/, 'llama-'], // llama3.1-8b, llama-v3.1 (Fireworks)
  [/^qwen-(?=\d)/, 'qwen'], // qwen-3-235b
  [/^deepseek-chat-v(?=\d)/, 'deepseek-v'], // OpenRouter's deepseek-chat-v3.1
  [/^flux-(?=\d-)/, 'flux.'], // FLUX-1-schnell (DeepInfra), flux-1-schnell (Fireworks): FLUX.1
  [/-instruct-turbo(-free)?$/, '-instruct'], // Together's serving names
  [/^(gemini-\d[\d.]*-[a-z-]+?)-0\d\d$/, '$1'], // gemini-2.0-flash-001: the stable version of gemini-2.0-flash
];

export interface CanonicalIdOptions {
  /** Author for ids that name none, when the provider is the author (e.g. "anthropic" for its own API). */
  author?: string;
}

/**
 * The id used to group the same model across providers (`meta-llama/llama-3.1-8b-instruct`),
 * deterministic so every provider agrees on it. See the rules above and the package README.
 */
export function canonicalModelId(id: string, options: CanonicalIdOptions = {}): string {
  const { author: own, model: name } = splitId(id);
  const given = own ?? options.author?.trim().toLowerCase();
  const author = given ? (AUTHOR_ALIASES[given] ?? given) : modelFamilyOf(name)?.author;
  let model = name;
  if (author && MONTH_DAY_SNAPSHOT_AUTHORS.has(author)) model = model.replace(MONTH_DAY_SNAPSHOT, '');
  model = KNOWN_EQUIVALENTS[model] ?? model;
  return author ? `${author}/${model}` : model;
}

/** Whether an id is a dated snapshot (`claude-3-5-sonnet-20241022`, `gpt-4o-2024-08-06`). */
export function isDatedSnapshot(id: string): boolean {
  return DATE_SNAPSHOT.test(id.trim().replace(ROUTING_SUFFIX, ''));
}

function splitId(id: string): { author: string | undefined; model: string } {
  let name = id.trim();
  let fireworks = false;
  name = name.replace(/^publishers\/([^/]+)\/models\//, '$1/');
  if (/^accounts\/[^/]+\/models\//.test(name)) {
    name = name.replace(/^accounts\/[^/]+\/models\//, '');
    fireworks = true;
  }
  name = name.replace(/^models\//, '');
  // Clarifai: https://clarifai.com/<user>/<app>/models/<model> or <user>/<app>/models/<model>; the app
  // is a folder of the user's, and versions are written with an underscore (Llama-3_2-3B-Instruct).
  const clarifai = /^(?:https?:\/\/(?:www\.)?clarifai\.com\/)?([^/]+)\/[^/]+\/models\/([^/]+?)\/?$/i.exec(name);
  if (clarifai) name = `${clarifai[1]}/${clarifai[2]!.replace(/(\d)_(\d)/g, '$1.$2')}`;
  name = name.replace(ROUTING_SUFFIX, '').replace(DATE_SNAPSHOT, '').toLowerCase();
  const slash = name.lastIndexOf('/');
  const author = slash >= 0 ? name.slice(0, slash).split('/').filter(Boolean).pop() : undefined;
  let model = slash >= 0 ? name.slice(slash + 1) : name;
  // Fireworks writes versions with a "p": llama-v3p1-8b-instruct, qwen2p5-vl-32b-instruct.
  if (fireworks) model = model.replace(/(\d)p(\d)/g, '$1.$2');
  for (const [pattern, replacement] of NAME_RULES) model = model.replace(pattern, replacement);
  return { author: author || undefined, model };
}
