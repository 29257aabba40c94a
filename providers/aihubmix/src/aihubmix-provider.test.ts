import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { createAIHubMix } from './aihubmix-provider.ts';

registerFetchModelsSuite({
  createProvider: createAIHubMix,
  fixturesDir: fileURLToPath(new URL('./__fixtures__', import.meta.url)),
  expected: {
    count: 2,
    sample: { id: 'example-author/example-model', canonicalId: 'example-author/example-model' },
  },
});
