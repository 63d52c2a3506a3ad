import type { RunningTenant } from './app.ts';
import type { TenantConfig } from './config.ts';
import { DPOP_SIGNING_ALGS } from './dpop.ts';
import { REFRESH_TOKEN_IDLE_SECONDS, REFRESH_TOKEN_LIFETIME_SECONDS } from './refresh-tokens.ts';

function box(lines: string[]): string[] {
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  return [
    `  ┌${'─'.repeat(width)}┐`,
    ...lines.map((line) => `  │ ${line.padEnd(width - 1)}│`),
    `  └${'─'.repeat(width)}┘`,
  ];
}

/** The URLs the SPA application accepts: SPA_ORIGIN alone with the stock tenant.config.ts. */
function spaUrls(config: TenantConfig): string {
  const { callbackUrls, logoutUrls, webOrigins } = config.tenant.applications.spa;
  return [...new Set([...callbackUrls, ...logoutUrls, ...webOrigins])].join(', ');
}

/** The start-up text: what is running, where, and that it is for local development only. */
export function banner(tenant: RunningTenant, config: TenantConfig): string {
  const { api, users, applications } = config.tenant;
  const lines = [
    '',
    ...box([
      'Organizer LOCAL TENANT: for local development only.',
      'Demo users, a published M2M secret, plain http on localhost.',
      'Never deploy it; use Auth0 (AUTH0_DOMAIN) for anything real.',
    ]),
    `  issuer     ${tenant.issuer}`,
    `  discovery  ${tenant.issuer}.well-known/openid-configuration`,
    `  API        ${api.name} (audience ${api.identifier}; ${api.permissions.map((p) => p.value).join(', ')})`,
    `  apps       ${applications.spa.clientId} (SPA), ${applications.m2m.clientId} (M2M)`,
    `  SPA at     ${spaUrls(config)} (SPA_ORIGIN; the SPA's and its API console's callbacks and logout URLs, its web origin)`,
    `  users      ${users.map((u) => u.email).join(', ')} (passwords in tenant.config.ts)`,
    `  tokens     access tokens last ${api.tokenLifetimeSeconds} s; the SPA's refresh tokens rotate, last ${REFRESH_TOKEN_LIFETIME_SECONDS / 3600} h (${REFRESH_TOKEN_IDLE_SECONDS / 3600} h unused) and end at logout`,
    `  DPoP       ${DPOP_SIGNING_ALGS.join(', ')} proofs bind tokens; server nonces required (${
      config.dpopNonce.generated
        ? 'random nonce secret for this process: set DPOP_NONCE_SECRET to share one'
        : 'DPOP_NONCE_SECRET'
    })`,
    `  consent    ${tenant.issuer}consent (revoke an app's access: its consent page shows again)`,
    `  signing    kid ${tenant.activeKid} (private keys in ${config.keysDir}, outside the repository, owner-only)`,
  ];
  if (config.usingDevM2mSecret) {
    lines.push(
      '',
      '  WARNING: AUTH0_M2M_CLIENT_SECRET is the published development value from .env.example.',
      '           Anyone can mint M2M tokens for this tenant. Fine on localhost, nowhere else.',
    );
  }
  return `${lines.join('\n')}\n`;
}
