import { createHash, randomBytes } from 'node:crypto';
import { authorizeAsUser, TenantBrowser } from '@organizer/local-tenant/login-client';
import type { TenantDefinition } from '@organizer/local-tenant/tenant';
import type { CliTenant } from './cli-tenant.ts';
import type { TokenResult } from './client-credentials.ts';
import { START_HINT, tokenEndpoint } from './client-credentials.ts';
import { CliError, fetchOrExplain } from './http-errors.ts';

/** A demo user by name (`alice`) or email, with the password tenant.config.ts gives it. */
export function findDemoUser(definition: TenantDefinition, who: string): { email: string; password: string } {
  const wanted = who.toLowerCase();
  const user = definition.users.find(
    (u) => u.email.toLowerCase() === wanted || u.email.toLowerCase().split('@')[0] === wanted,
  );
  if (!user) {
    const names = definition.users.map((u) => u.email.split('@')[0]).join(', ');
    throw new CliError(`No demo user "${who}" in apps/local-tenant/tenant.config.ts (users: ${names}).`);
  }
  return { email: user.email, password: user.password };
}

/**
 * A user's access token through the tenant's real pages, as a browser would get it: authorization
 * code + PKCE for the SPA application, the login form with the demo password, Accept on the consent
 * page if it is shown, then the code exchange. RBAC and consent apply exactly as in the SPA; there is
 * no shortcut endpoint in the tenant.
 */
export async function userToken(tenant: CliTenant, definition: TenantDefinition, who: string): Promise<TokenResult> {
  if (!tenant.local) {
    throw new CliError(
      'User tokens come from the local tenant only (it serves the login page this command fills in). With Auth0, log in through the SPA, or use `pnpm access-token m2m`.',
    );
  }
  const user = findDemoUser(definition, who);
  const { spa } = definition.applications;
  const redirectUri = spa.callbackUrls[0]!;
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL('authorize', tenant.issuer);
  authorize.search = new URLSearchParams({
    client_id: spa.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    audience: tenant.audience,
    scope: ['openid', 'profile', 'email', ...definition.api.permissions.map((p) => p.value)].join(' '),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();

  let redirect: URL;
  try {
    redirect = await authorizeAsUser(new TenantBrowser(tenant.issuer), authorize, user);
  } catch (error) {
    if ((error as { cause?: unknown }).cause || (error as Error).message === 'fetch failed') {
      throw new CliError(`The local tenant at ${tenant.issuer} is not reachable. ${START_HINT}`);
    }
    throw new CliError((error as Error).message);
  }
  const code = redirect.searchParams.get('code');
  if (!code)
    throw new CliError(
      `The tenant answered ${redirect.searchParams.get('error') ?? 'without a code'}: ${redirect.searchParams.get('error_description') ?? ''}`.trim(),
    );

  const response = await fetchOrExplain(
    'The token endpoint',
    await tokenEndpoint(tenant),
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: spa.clientId,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
    },
    START_HINT,
  );
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new CliError(
      `The code exchange failed: ${response.status} ${String(body.error ?? '')} ${String(body.error_description ?? '')}`.trim(),
    );
  }
  return {
    accessToken: body.access_token,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
  };
}
