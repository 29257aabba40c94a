import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CatalogModel, CatalogProvider, ProviderSettings } from '@catalog/provider-contract';
import { useUpstreamServer } from '@catalog/test-kit';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The canonical ids group the same model across providers: every provider package's real recorded
 * fixtures are fetched through its own fetchModels, and the well-known models several of them
 * offer must end up under one canonical id each (the rules are provider-utils' canonicalModelId).
 */

const PROVIDERS_DIR = path.resolve(import.meta.dirname, '../../../providers');
const upstream = useUpstreamServer();

/** Models offered by several providers' fixtures, and exactly which providers offer each. */
const GROUPS: Record<string, string[]> = {
  'meta-llama/llama-3.1-8b-instruct': [
    'anannas',
    'cerebras',
    'deepinfra',
    'featherless',
    'fireworks',
    'groq',
    'novita',
  ],
  'meta-llama/llama-3.3-70b-instruct': [
    'aimo',
    'cerebras',
    'deepinfra',
    'groq',
    'helicone',
    'huggingface',
    'huggingface-hub',
    'morpheus',
    'near',
    'nebius',
    'openrouter',
    'together',
  ],
  'meta-llama/llama-4-scout-17b-16e-instruct': ['cerebras', 'groq', 'huggingface-hub'],
  'deepseek-ai/deepseek-v3.1': [
    'aihubmix',
    'aimo',
    'canopywave',
    'chutes',
    'deepinfra',
    'fireworks',
    'huggingface',
    'huggingface-hub',
    'near',
    'novita',
    'onerouter',
  ],
  'deepseek-ai/deepseek-r1': ['anannas', 'openrouter'],
  'qwen/qwen3-235b-a22b-instruct-2507': ['aimo', 'cerebras', 'chutes', 'huggingface-hub'],
  'qwen/qwen2.5-vl-72b-instruct': ['huggingface-hub', 'nebius', 'novita'],
  'qwen/qwen2.5-vl-32b-instruct': ['deepinfra', 'fireworks'],
  'x-ai/grok-4': ['helicone', 'vercel-ai-gateway', 'xai'],
  'anthropic/claude-3.5-sonnet': ['anthropic', 'openrouter'],
  'anthropic/claude-3.5-haiku': ['anannas', 'anthropic'],
  'anthropic/claude-sonnet-4': ['aihubmix', 'anthropic', 'clarifai', 'helicone', 'onerouter', 'vercel-ai-gateway'],
  'openai/gpt-4o-mini': ['aihubmix', 'anannas', 'helicone', 'onerouter', 'openai', 'openrouter'],
  'openai/gpt-4o': ['clarifai', 'onerouter', 'openai'],
  'openai/gpt-oss-120b': ['canopywave', 'cerebras', 'deepinfra', 'groq', 'huggingface-hub', 'near', 'nebius'],
  'openai/text-embedding-3-small': ['clarifai', 'onerouter', 'openai', 'vercel-ai-gateway'],
  'openai/whisper-large-v3-turbo': ['deepinfra', 'groq'],
  'google/gemini-2.5-flash': ['aihubmix', 'google-vertex', 'helicone', 'onerouter', 'vercel-ai-gateway'],
  'google/gemini-2.0-flash': ['anannas', 'google-vertex', 'openrouter'],
  'google/gemma-3-27b-it': ['aimo', 'chutes', 'google-vertex', 'huggingface-hub'],
  'zai-org/glm-4.6': ['near', 'zai'],
  'moonshotai/kimi-k2-instruct-0905': ['canopywave', 'chutes'],
  'baai/bge-m3': ['canopywave', 'deepinfra', 'novita'],
  'black-forest-labs/flux.1-schnell': ['deepinfra', 'together'],
};

/** Different checkpoints that a too-eager rule would merge: each must stay apart from the other. */
const DISTINCT: [string, string][] = [
  ['deepseek-ai/deepseek-r1-0528', 'deepseek-ai/deepseek-r1'],
  ['deepseek-ai/deepseek-v3', 'deepseek-ai/deepseek-v3.1'],
  ['qwen/qwen3-235b-a22b', 'qwen/qwen3-235b-a22b-instruct-2507'],
];

const records: CatalogModel[] = [];
const slugs = readdirSync(PROVIDERS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(PROVIDERS_DIR, entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();

beforeAll(async () => {
  for (const slug of slugs) {
    const entry = path.join(PROVIDERS_DIR, slug, 'src', 'index.ts');
    const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
    const factory = Object.entries(module).find(
      ([name, value]) => /^create[A-Z]/.test(name) && typeof value === 'function',
    );
    if (!factory) throw new Error(`providers/${slug}: no create… factory exported`);
    const create = factory[1] as (settings?: ProviderSettings) => CatalogProvider;
    const base = `https://fixtures.example.test/${slug}`;
    upstream.serveFixtures(path.join(PROVIDERS_DIR, slug, 'src', '__fixtures__'), base);
    const result = await create({ baseURL: base, apiKey: 'test-key', env: {} }).fetchModels();
    records.push(...result.models);
  }
  expect(upstream.unhandled).toEqual([]);
});

const providersOf = (canonicalId: string) =>
  [...new Set(records.filter((m) => m.canonicalId === canonicalId).map((m) => m.provider))].sort();

describe('canonical ids across every provider fixture', () => {
  it('fetched every provider package', () => {
    expect([...new Set(records.map((m) => m.provider))].sort()).toEqual(slugs);
  });

  for (const [canonicalId, providers] of Object.entries(GROUPS)) {
    it(`groups ${canonicalId} across ${providers.length} providers`, () => {
      expect(providersOf(canonicalId)).toEqual([...providers].sort());
    });
  }

  it('keeps distinct checkpoints apart', () => {
    for (const [a, b] of DISTINCT) {
      // Both are in the fixtures, each under its own id (the groups above pin who offers which).
      expect(providersOf(a).length, a).toBeGreaterThan(0);
      expect(providersOf(b).length, b).toBeGreaterThan(0);
    }
  });

  it('gives one author per model name: no model grouped under two spellings of its author', () => {
    const authors = new Map<string, Set<string>>();
    for (const { canonicalId } of records) {
      const slash = canonicalId.lastIndexOf('/');
      if (slash < 0) continue;
      const model = canonicalId.slice(slash + 1);
      if (!authors.has(model)) authors.set(model, new Set());
      authors.get(model)!.add(canonicalId.slice(0, slash));
    }
    const split = [...authors]
      .filter(([, set]) => set.size > 1)
      .map(([model, set]) => `${model}: ${[...set].join(', ')}`);
    expect(split).toEqual([]);
  });

  it('leaves no routing suffix, upper case or provider path prefix in a canonical id', () => {
    for (const { canonicalId, provider, id } of records) {
      expect(canonicalId, `${provider} ${id}`).toBe(canonicalId.toLowerCase());
      expect(canonicalId, `${provider} ${id}`).not.toMatch(/:(free|beta|nitro|floor|online|extended|thinking)$/);
      expect(canonicalId, `${provider} ${id}`).not.toMatch(/^(accounts|publishers|models)\/|clarifai\.com/);
    }
  });
});
