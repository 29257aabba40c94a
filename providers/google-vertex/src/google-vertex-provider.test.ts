import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidSettingError, MissingApiKeyError } from '@catalog/provider-contract';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer, type FixtureRoute } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createGoogleVertex, googleVertex, type GoogleVertexSettings } from './google-vertex-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));
/** One fixture set serves both modes (and the mock upstream): Gemini under /v1beta, Vertex under /v1beta1. */
const isGeminiRoute = (route: FixtureRoute) => route.path.startsWith('/v1beta/');

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const serviceAccount = {
  type: 'service_account',
  project_id: 'acme-prod',
  private_key_id: 'key-1',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  client_email: 'catalog@acme-prod.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.test/token',
};

registerFetchModelsSuite({
  createProvider: createGoogleVertex,
  fixturesDir,
  label: 'Gemini API',
  fixtureRoutes: isGeminiRoute,
  entryFields: { id: 'name', contextLength: 'inputTokenLimit' },
  expected: {
    count: 9,
    sample: {
      id: 'gemini-2.5-pro',
      canonicalId: 'google/gemini-2.5-pro',
      name: 'Gemini 2.5 Pro',
      kind: 'chat',
      contextLength: 1048576,
      maxOutputTokens: 65536,
      inputModalities: ['text', 'image', 'audio', 'video', 'file'],
      outputModalities: ['text'],
      capabilities: { vision: true, reasoning: true },
    },
  },
});

// Vertex mode through the same contract: the OAuth token exchange is served from the fixtures too.
registerFetchModelsSuite<GoogleVertexSettings>({
  createProvider: createGoogleVertex,
  fixturesDir,
  label: 'Vertex AI',
  fixtureRoutes: (route) => !isGeminiRoute(route),
  settings: (baseURL) => ({
    mode: 'vertex',
    serviceAccount: { ...serviceAccount, token_uri: `${baseURL}/oauth2/token` },
  }),
  entryFields: { id: 'name' },
  expected: {
    count: 5,
    skipped: 1, // gemini-1.0-pro: launchStage DEPRECATED
    sample: {
      id: 'gemini-2.5-pro',
      canonicalId: 'google/gemini-2.5-pro',
      kind: 'chat',
      inputModalities: ['text', 'image', 'audio', 'video', 'file'],
      outputModalities: ['text'],
    },
  },
});

describe('google-vertex: Gemini API mode', () => {
  const upstream = useUpstreamServer();

  it('sends x-goog-api-key, pages with pageToken, and classifies embeddings and Imagen', async () => {
    upstream.serveFixtures(fixturesDir, googleVertex.baseURL);
    const { models } = await createGoogleVertex({ apiKey: 'AIza-test', env: {} }).fetchModels();
    expect(upstream.calls.map((c) => c.headers['x-goog-api-key'])).toEqual(['AIza-test', 'AIza-test']);
    expect(upstream.calls[0]?.url.searchParams.get('pageSize')).toBe('1000');
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('gemini-embedding-001')).toMatchObject({
      kind: 'embedding',
      contextLength: 2048,
      outputModalities: ['embedding'],
    });
    expect(byId.get('gemini-embedding-001')?.maxOutputTokens).toBeUndefined();
    expect(byId.get('imagen-4.0-generate-001')?.kind).toBe('image');
    expect(byId.get('gemini-2.0-flash-001')?.capabilities).toEqual({ vision: true });
  });

  it('tells TTS, native image generation and Live models apart from chat, and claims nothing it cannot know', async () => {
    upstream.serveFixtures(fixturesDir, googleVertex.baseURL);
    const { models } = await createGoogleVertex({ apiKey: 'AIza-test', env: {} }).fetchModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('gemini-2.5-flash-preview-tts')).toMatchObject({
      kind: 'speech',
      inputModalities: ['text'],
      outputModalities: ['audio'],
    });
    expect(byId.get('gemini-2.5-flash-preview-tts')?.capabilities).toBeUndefined();
    expect(byId.get('gemini-2.5-flash-image')).toMatchObject({
      kind: 'image',
      inputModalities: ['text', 'image'],
      outputModalities: ['text', 'image'],
      capabilities: { vision: true },
    });
    // bidiGenerateContent only: a Live API model, not a chat model; its modalities are not in the list.
    const live = byId.get('gemini-2.0-flash-live-001')!;
    expect(live.kind).toBe('other');
    expect(live.inputModalities).toBeUndefined();
    expect(live.capabilities).toBeUndefined();
    // Gemma is not a Gemini model: its family (Gemma 3, 4B and up) takes text and images, not audio or video.
    expect(byId.get('gemma-3-27b-it')).toMatchObject({ kind: 'chat', inputModalities: ['text', 'image'] });
    // thinking is read as the API states it, absent when it is not stated.
    expect(byId.get('gemini-2.0-flash-001')?.capabilities?.reasoning).toBeUndefined();
  });
});

describe('google-vertex: Vertex AI mode', () => {
  const upstream = useUpstreamServer();
  const BASE = 'https://europe-west4-aiplatform.googleapis.com';

  function routeVertex() {
    upstream.route(
      'https://oauth2.test/token',
      { json: { access_token: 'ya29.vertex-token', expires_in: 3599, token_type: 'Bearer' } },
      'POST',
    );
    upstream.serveFixtures(fixturesDir, BASE);
  }

  it('exchanges a signed service-account JWT for a token, sends it with the billed project, skips deprecated models', async () => {
    routeVertex();
    const vertex = createGoogleVertex({ mode: 'vertex', location: 'europe-west4', serviceAccount, env: {} });
    expect(vertex.baseURL).toBe('https://europe-west4-aiplatform.googleapis.com');
    const { models, skipped } = await vertex.fetchModels();
    expect(models.map((m) => m.id)).toEqual([
      'gemini-2.5-pro',
      'gemini-2.0-flash-001',
      'imagen-4.0-generate-001',
      'text-embedding-005',
      'veo-3.0-generate-001',
    ]);
    expect(models.map((m) => m.canonicalId)).toContain('google/gemini-2.0-flash');
    expect(models.map((m) => m.kind)).toEqual(['chat', 'chat', 'image', 'embedding', 'video']);
    expect(skipped.map((s) => s.id)).toEqual(['publishers/google/models/gemini-1.0-pro']);

    const tokenCall = upstream.calls.find((c) => c.url.hostname === 'oauth2.test')!;
    expect(tokenCall.method).toBe('POST');
    const listCalls = upstream.calls.filter((c) => c.url.hostname.endsWith('aiplatform.googleapis.com'));
    expect(listCalls.map((c) => c.url.searchParams.get('pageToken'))).toEqual([
      null,
      'CiJwdWJsaXNoZXJzL2dvb2dsZS9tb2RlbHMvaW1hZ2Vu',
    ]);
    for (const call of listCalls) {
      expect(call.headers.authorization).toBe('Bearer ya29.vertex-token');
      expect(call.headers['x-goog-user-project']).toBe('acme-prod');
    }
  });

  it('signs the JWT with the key (RS256) for the cloud-platform scope, and reuses the token', async () => {
    routeVertex();
    let assertion = '';
    upstream.route(
      'https://oauth2.test/token',
      () => ({ json: { access_token: 'ya29.second', expires_in: 3599 } }),
      'POST',
    );
    const vertex = createGoogleVertex({
      mode: 'vertex',
      location: 'europe-west4',
      serviceAccount,
      project: 'billing-proj',
      env: {},
    });
    await vertex.fetchModels();
    await vertex.fetchModels();
    const tokenCalls = upstream.calls.filter((c) => c.url.hostname === 'oauth2.test');
    expect(tokenCalls).toHaveLength(1);
    expect(upstream.calls.filter((c) => c.headers['x-goog-user-project'] === 'billing-proj').length).toBeGreaterThan(0);
    // Re-sign to check the claims and verify the signature with the public key.
    const { signServiceAccountJwt } = await import('./service-account-token.ts');
    assertion = signServiceAccountJwt(serviceAccount as never, 1_700_000_000);
    const [header, claims, signature] = assertion.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: 'key-1',
    });
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toEqual({
      iss: 'catalog@acme-prod.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: 'https://oauth2.test/token',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    expect(
      createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature!, 'base64url')),
    ).toBe(true);
  });

  it('reads the key file GOOGLE_APPLICATION_CREDENTIALS names, and reports a missing or bad key clearly', async () => {
    routeVertex();
    const dir = mkdtempSync(path.join(tmpdir(), 'vertex-key-'));
    const keyFile = path.join(dir, 'key.json');
    writeFileSync(keyFile, JSON.stringify(serviceAccount));
    const fromFile = createGoogleVertex({
      mode: 'vertex',
      location: 'europe-west4',
      env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile },
    });
    expect((await fromFile.fetchModels()).models).toHaveLength(5);

    const missing = createGoogleVertex({ mode: 'vertex', env: {} });
    expect(missing.isConfigured()).toBe(false);
    await expect(missing.fetchModels()).rejects.toSatisfy(
      (e) => MissingApiKeyError.isInstance(e) && /GOOGLE_APPLICATION_CREDENTIALS/.test((e as Error).message),
    );
    const bad = createGoogleVertex({ mode: 'vertex', serviceAccount: { type: 'user' }, env: {} });
    await expect(bad.fetchModels()).rejects.toSatisfy(InvalidSettingError.isInstance);
  });
});
