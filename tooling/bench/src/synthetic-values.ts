/** Unified model records shaped like the catalog's (ids, pricing, modalities), `count` of them. */
export function syntheticModels(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `author-${i % 97}/model-${i}-${i % 3 ? 'instruct' : 'chat'}`,
    provider: ['openrouter', 'together', 'deepinfra', 'groq'][i % 4],
    canonicalId: `author-${i % 97}/model-${i}`,
    name: `Model ${i} ${i % 3 ? 'Instruct' : 'Chat'}`,
    contextLength: [8192, 32768, 131072, 200000][i % 4],
    pricing: {
      prompt: (0.0000001 * ((i % 50) + 1)).toFixed(10).replace(/0+$/, ''),
      completion: (0.0000004 * ((i % 30) + 1)).toFixed(10).replace(/0+$/, ''),
    },
    inputModalities: i % 5 ? ['text'] : ['text', 'image'],
    outputModalities: ['text'],
    created: new Date(1_700_000_000_000 + i * 3_600_000).toISOString(),
  }));
}

/** The two values scenarios 1 and 2 read: a 400-model catalog (~128 KB of JSON) and a 200-byte value. */
export function benchValues(): { name: string; short: string; value: unknown }[] {
  return [
    { name: '400-model catalog (~128 KB JSON)', short: 'catalog', value: catalogOf400() },
    { name: '200-byte value', short: 'small', value: { id: 'x'.repeat(191) } },
  ];
}

function catalogOf400(): Record<string, unknown>[] {
  // Padded descriptions bring the 400 records to the size of a large provider's list (~128 KB).
  return syntheticModels(400).map((model, i) => ({
    ...model,
    description: `${i % 2 ? 'general' : 'code'} model`,
  }));
}
