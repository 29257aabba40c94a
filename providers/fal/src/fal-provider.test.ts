import { CatalogModel } from '@catalog/provider-contract';
import { fileURLToPath } from 'node:url';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createFal, fal } from './fal-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createFal,
  fixturesDir,
  entryFields: { id: 'endpoint_id' },
  expected: {
    count: 8,
    skipped: 1,
    sample: {
      id: 'fal-ai/flux/dev',
      canonicalId: 'fal-ai/flux/dev',
      name: 'FLUX.1 [dev]',
      kind: 'image',
      inputModalities: ['text'],
      outputModalities: ['image'],
    },
  },
});

describe('fal specifics', () => {
  const upstream = useUpstreamServer();

  it('pages with cursor/has_more, asks for active models, sends "Key" auth, skips inactive ones', async () => {
    upstream.serveFixtures(fixturesDir, fal.baseURL);
    const { models, skipped } = await createFal({ apiKey: 'fal-key', env: {} }).fetchModels();
    expect(upstream.calls.map((c) => c.url.searchParams.get('cursor'))).toEqual([null, 'Mg==']);
    expect(upstream.calls[0]?.url.searchParams.get('status')).toBe('active');
    expect(upstream.calls[0]?.headers.authorization).toBe('Key fal-key');
    expect(skipped.map((s) => s.id)).toEqual(['fal-ai/flux-realism']);
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('fal-ai/kling-video/v2.1/master/text-to-video')?.kind).toBe('video');
    expect(byId.get('fal-ai/whisper')).toMatchObject({ kind: 'transcription', inputModalities: ['audio'] });
    expect(byId.get('fal-ai/any-llm')).toMatchObject({ kind: 'chat', inputModalities: ['text'] });
    expect(models.every((m) => m.pricing === undefined)).toBe(true);
  });

  it('ships a curated catalog, valid and without network, for when the API has never answered', () => {
    const bundled = fal.bundledModels!();
    expect(bundled.skipped).toEqual([]);
    expect(bundled.models.length).toBeGreaterThanOrEqual(30);
    for (const model of bundled.models) expect(CatalogModel.safeParse(model).success).toBe(true);
    expect(new Set(bundled.models.map((m) => m.kind))).toEqual(
      new Set(['image', 'video', 'speech', 'transcription', 'audio', 'chat']),
    );
    expect(upstream.calls).toHaveLength(0);
  });
});
