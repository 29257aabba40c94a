import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { createClarifai } from './clarifai-provider.ts';

registerFetchModelsSuite({
  createProvider: createClarifai,
  fixturesDir: fileURLToPath(new URL('./__fixtures__', import.meta.url)),
  expected: {
    count: 2,
    sample: { id: 'example-author/example-model', canonicalId: 'example-author/example-model' },
  },
});
