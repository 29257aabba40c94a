import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvalidSettingError, type HttpClient } from '@catalog/provider-contract';
import { parseEnvelope } from '@catalog/provider-utils';
import { ServiceAccountKey, TokenResponse } from './google-vertex-api.ts';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** Reads a service account key: the parsed object, or the JSON file a path names. */
export function loadServiceAccount(provider: string, key: unknown, path: string | undefined): ServiceAccountKey {
  let raw = key;
  if (raw === undefined) {
    if (!path)
      throw new InvalidSettingError(provider, 'serviceAccount', 'give the key or set GOOGLE_APPLICATION_CREDENTIALS');
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new InvalidSettingError(
        provider,
        'GOOGLE_APPLICATION_CREDENTIALS',
        `cannot read ${path}: ${(error as Error).message}`,
      );
    }
  }
  const parsed = ServiceAccountKey.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidSettingError(
      provider,
      'serviceAccount',
      'not a service account key (type, project_id, private_key, client_email)',
    );
  }
  return parsed.data;
}

/** A signed RS256 JWT asserting the service account for the token exchange (RFC 7523). */
export function signServiceAccountJwt(account: ServiceAccountKey, nowSeconds: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({
    alg: 'RS256',
    typ: 'JWT',
    ...(account.private_key_id ? { kid: account.private_key_id } : {}),
  });
  const claims = encode({
    iss: account.client_email,
    scope: CLOUD_PLATFORM_SCOPE,
    aud: account.token_uri ?? DEFAULT_TOKEN_URI,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  });
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${claims}`)
    .sign(account.private_key)
    .toString('base64url');
  return `${header}.${claims}.${signature}`;
}

/** Access tokens by service account, reused until a minute before they expire. */
export class AccessTokenCache {
  readonly #tokens = new Map<string, { token: string; expiresAt: number }>();

  async get(provider: string, account: ServiceAccountKey, http: HttpClient, now: number = Date.now()): Promise<string> {
    const cached = this.#tokens.get(account.client_email);
    if (cached && cached.expiresAt - 60_000 > now) return cached.token;
    const response = await http.postForm(account.token_uri ?? DEFAULT_TOKEN_URI, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signServiceAccountJwt(account, Math.floor(now / 1000)),
    });
    const token = parseEnvelope(provider, response, TokenResponse, '{ access_token, expires_in }');
    this.#tokens.set(account.client_email, { token: token.access_token, expiresAt: now + token.expires_in * 1000 });
    return token.access_token;
  }
}
