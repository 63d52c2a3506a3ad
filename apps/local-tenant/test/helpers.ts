import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningTenant, type StartOptions, startTenant } from '../src/app.ts';
import { loadConfig, type TenantConfig } from '../src/config.ts';
import { authorizeAsUser, TenantBrowser } from '../src/login-client.ts';
import type { TenantDefinition } from '../src/tenant-definition.ts';
import { tenant as defaultTenant } from '../tenant.config.ts';

/** The SPA's one registered callback: the page it serves at its origin. */
export const SPA_CALLBACK = 'http://localhost:3000';
export const DEV_SECRET = 'local-dev-m2m-secret-change-me';
export const ALICE = { email: 'alice@example.com', password: 'alice-demo-pw' };
export const BOB = { email: 'bob@example.com', password: 'bob-demo-pw' };
export const CAROL = { email: 'carol@example.com', password: 'carol-demo-pw' };

export interface LocalTenantUnderTest extends RunningTenant {
  config: TenantConfig;
  keysDir: string;
  /** Stops the tenant and removes its temporary keys folder. */
  stop(): Promise<void>;
}

/** A tenant on a free port with its own temporary keys folder (never the user’s real one). */
export async function startLocalTenant(
  definition: TenantDefinition = defaultTenant,
  options: StartOptions & { keysDir?: string; env?: Record<string, string> } = {},
): Promise<LocalTenantUnderTest> {
  const keysDir = options.keysDir ?? (await mkdtemp(join(tmpdir(), 'local-tenant-keys-')));
  const config = { ...loadConfig(options.env ?? {}, definition), port: 0, keysDir };
  const running = await startTenant(config, options);
  return {
    ...running,
    config,
    keysDir,
    async stop() {
      await running.close();
      if (!options.keysDir) await rm(keysDir, { recursive: true, force: true });
    },
  };
}

export function authorizeUrl(issuer: string, params: Record<string, string>): URL {
  const url = new URL('authorize', issuer);
  const defaults = {
    client_id: 'organizer-spa',
    response_type: 'id_token token',
    redirect_uri: SPA_CALLBACK,
    audience: 'organize',
    scope: 'openid profile email read:contacts read:calendar',
    nonce: 'test-nonce',
    state: 'test-state',
  };
  for (const [key, value] of Object.entries({ ...defaults, ...params })) url.searchParams.set(key, value);
  return url;
}

export function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export async function clientCredentials(
  issuer: string,
  body: Record<string, string>,
  basic = false,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...body });
  if (basic) {
    headers.authorization = `Basic ${Buffer.from(`${form.get('client_id')}:${form.get('client_secret')}`).toString('base64')}`;
    form.delete('client_id');
    form.delete('client_secret');
  }
  return fetch(new URL('oauth/token', issuer), { method: 'POST', headers, body: form });
}

/**
 * Alice logs in to the SPA with the code flow and a fresh S256 challenge (`params` adds to or replaces
 * the authorization request's); returns the code and the verifier that matches it.
 */
export async function logInForCode(
  issuer: string,
  params: Record<string, string> = {},
): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const url = authorizeUrl(issuer, {
    response_type: 'code',
    scope: 'openid profile offline_access read:contacts read:calendar',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...params,
  });
  const redirect = await authorizeAsUser(new TenantBrowser(issuer), url, ALICE);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code: ${redirect.search}`);
  return { code, verifier };
}
