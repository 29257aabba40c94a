import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidSettingError, MissingApiKeyError } from '@catalog/provider-contract';
import { registerFetchModelsSuite } from '@catalog/provider-test-suite';
import { useUpstreamServer } from '@catalog/test-kit';
import { describe, expect, it } from 'vitest';
import { createGoogleVertex, googleVertex } from './google-vertex-provider.ts';

const fixturesDir = fileURLToPath(new URL('./__fixtures__', import.meta.url));

registerFetchModelsSuite({
  createProvider: createGoogleVertex,
  fixturesDir,
  expected: {
    count: 6,
    sample: {
      id: 'gemini-2.5-pro',
      canonicalId: 'google/gemini-2.5-pro',
      name: 'Gemini 2.5 Pro',
      kind: 'chat',
      contextLength: 1048576,
      maxOutputTokens: 65536,
      capabilities: { vision: true, reasoning: true },
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
});

describe('google-vertex: Vertex AI mode', () => {
  const upstream = useUpstreamServer();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccount = {
    type: 'service_account',
    project_id: 'acme-prod',
    private_key_id: 'key-1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: 'catalog@acme-prod.iam.gserviceaccount.com',
    token_uri: 'https://oauth2.test/token',
  };
  const BASE = 'https://europe-west4-aiplatform.googleapis.com/v1beta1/publishers/google/models';

  function routeVertex() {
    // Later routes win: the page-2 route must come after the first-page one.
    upstream.route(
      'https://oauth2.test/token',
      { json: { access_token: 'ya29.vertex-token', expires_in: 3599, token_type: 'Bearer' } },
      'POST',
    );
    upstream.route(BASE, {
      json: {
        publisherModels: [
          {
            name: 'publishers/google/models/gemini-2.5-pro',
            versionId: 'default',
            openSourceCategory: 'PROPRIETARY',
            launchStage: 'GA',
          },
          { name: 'publishers/google/models/gemini-2.0-flash-001', versionId: '001', launchStage: 'GA' },
        ],
        nextPageToken: 'p2',
      },
    });
    upstream.route(`${BASE}?pageToken=p2`, {
      json: {
        publisherModels: [
          { name: 'publishers/google/models/text-embedding-005', versionId: '005', launchStage: 'GA' },
          { name: 'publishers/google/models/gemini-1.0-pro', launchStage: 'DEPRECATED' },
        ],
      },
    });
  }

  it('exchanges a signed service-account JWT for a token, sends it with the billed project, skips deprecated models', async () => {
    routeVertex();
    const vertex = createGoogleVertex({ mode: 'vertex', location: 'europe-west4', serviceAccount, env: {} });
    expect(vertex.baseURL).toBe('https://europe-west4-aiplatform.googleapis.com');
    const { models, skipped } = await vertex.fetchModels();
    expect(models.map((m) => m.id)).toEqual(['gemini-2.5-pro', 'gemini-2.0-flash-001', 'text-embedding-005']);
    expect(models[0]?.canonicalId).toBe('google/gemini-2.5-pro');
    expect(skipped.map((s) => s.id)).toEqual(['publishers/google/models/gemini-1.0-pro']);

    const tokenCall = upstream.calls.find((c) => c.url.hostname === 'oauth2.test')!;
    expect(tokenCall.method).toBe('POST');
    const listCalls = upstream.calls.filter((c) => c.url.hostname.endsWith('aiplatform.googleapis.com'));
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
    expect((await fromFile.fetchModels()).models).toHaveLength(3);

    const missing = createGoogleVertex({ mode: 'vertex', env: {} });
    expect(missing.isConfigured()).toBe(false);
    await expect(missing.fetchModels()).rejects.toSatisfy(
      (e) => MissingApiKeyError.isInstance(e) && /GOOGLE_APPLICATION_CREDENTIALS/.test((e as Error).message),
    );
    const bad = createGoogleVertex({ mode: 'vertex', serviceAccount: { type: 'user' }, env: {} });
    await expect(bad.fetchModels()).rejects.toSatisfy(InvalidSettingError.isInstance);
  });
});
