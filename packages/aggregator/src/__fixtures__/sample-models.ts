import type { CatalogModel } from '@catalog/provider-contract';

/** A small multi-provider catalog for the aggregator's tests. */
export function record(provider: string, id: string, canonicalId: string, extra: Partial<CatalogModel> = {}): CatalogModel {
  return { id, provider, canonicalId, ...extra };
}

export const openrouterModels: CatalogModel[] = [
  record('openrouter', 'anthropic/claude-3.5-sonnet', 'anthropic/claude-3.5-sonnet', {
    name: 'Anthropic: Claude 3.5 Sonnet',
    contextLength: 200000,
    pricing: { prompt: '0.000003', completion: '0.000015' },
    inputModalities: ['text', 'image'],
    outputModalities: ['text'],
    capabilities: { tools: true, vision: true },
    kind: 'chat',
    created: '2024-10-22T00:00:00.000Z',
  }),
  record('openrouter', 'meta-llama/llama-3.3-70b-instruct', 'meta-llama/llama-3.3-70b-instruct', {
    name: 'Meta: Llama 3.3 70B Instruct',
    contextLength: 131072,
    pricing: { prompt: '0.00000012', completion: '0.0000003' },
    inputModalities: ['text'],
    outputModalities: ['text'],
    capabilities: { tools: true },
    kind: 'chat',
    created: '2024-12-06T00:00:00.000Z',
  }),
  record('openrouter', 'meta-llama/llama-3.3-70b-instruct:free', 'meta-llama/llama-3.3-70b-instruct', {
    name: 'Meta: Llama 3.3 70B Instruct (free)',
    contextLength: 65536,
    pricing: { prompt: '0', completion: '0' },
    kind: 'chat',
  }),
];

export const anthropicModels: CatalogModel[] = [
  record('anthropic', 'claude-3-5-sonnet-20241022', 'anthropic/claude-3.5-sonnet', {
    name: 'Claude 3.5 Sonnet',
    contextLength: 200000,
    maxOutputTokens: 8192,
    kind: 'chat',
    aliases: ['claude-3-5-sonnet-latest'],
    created: '2024-10-22T00:00:00.000Z',
  }),
];

export const togetherModels: CatalogModel[] = [
  record('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'meta-llama/llama-3.3-70b-instruct-turbo', {
    name: 'Llama 3.3 70B Instruct Turbo',
    contextLength: 131072,
    pricing: { prompt: '0.00000088', completion: '0.00000088' },
    kind: 'chat',
    created: '2024-12-06T00:00:00.000Z',
  }),
  record('together', 'meta-llama/Llama-3.3-70B-Instruct', 'meta-llama/llama-3.3-70b-instruct', {
    name: 'Llama 3.3 70B Instruct',
    contextLength: 131072,
    pricing: { prompt: '0.0000001', completion: '0.0000004' },
    kind: 'chat',
  }),
  record('together', 'BAAI/bge-large-en-v1.5', 'baai/bge-large-en-v1.5', {
    name: 'BAAI BGE Large v1.5',
    contextLength: 512,
    pricing: { prompt: '0.00000002' },
    kind: 'embedding',
    inputModalities: ['text'],
    outputModalities: ['embedding'],
  }),
];
