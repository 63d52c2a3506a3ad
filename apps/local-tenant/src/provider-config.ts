import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountStore } from './accounts.ts';
import { applyClientGrant } from './client-grant.ts';
import { clientsFor } from './clients.ts';
import { consentSkipper } from './consent-skipping.ts';
import type { ConsentStore } from './consent-store.ts';
import { dpopSettings } from './dpop.ts';
import { grantLoader } from './grants.ts';
import { LOGOUT_PAGE_HEADERS, renderLogoutPage } from './pages/logout-page.ts';
import { renderMessagePage } from './pages/message-page.ts';
import { PAGE_HEADERS } from './pages/send-page.ts';
import { refreshTokenPolicy } from './refresh-tokens.ts';
import { resourceIndicatorFor } from './resource-indicator.ts';
import type { TenantDefinition } from './tenant-definition.ts';
import { tokenLifetimes } from './token-lifetimes.ts';

/** Auth0's paths for the endpoints auth0-js and the services call. */
export const ROUTES = {
  authorization: '/authorize',
  token: '/oauth/token',
  jwks: '/.well-known/jwks.json',
  userinfo: '/userinfo',
  end_session: '/v2/logout',
} as const;

export interface ProviderDependencies {
  tenant: TenantDefinition;
  m2mClientSecret: string;
  signingKeys: JWK[];
  accounts: AccountStore;
  consents: ConsentStore;
  /** DPOP_NONCE_SECRET's 32 bytes (src/dpop-nonce-secret.ts). */
  dpopNonceSecret: Buffer;
}

/** Auth0's `audience` parameter of an authorization or token request, if one was sent. */
function audienceOf(ctx: KoaContextWithOIDC): string | undefined {
  const fromParams = (ctx.oidc.params as Record<string, unknown> | undefined)?.audience;
  // At the token endpoint oidc-provider keeps only known parameters in params; the parsed body has them all.
  const fromBody =
    ctx.oidc.route === 'token' ? (ctx.oidc.body as Record<string, unknown> | undefined)?.audience : undefined;
  const audience = fromParams ?? fromBody;
  return typeof audience === 'string' && audience !== '' ? audience : undefined;
}

export function providerConfiguration({
  tenant,
  m2mClientSecret,
  signingKeys,
  accounts,
  consents,
  dpopNonceSecret,
}: ProviderDependencies): Configuration {
  const { api } = tenant;
  const apiIndicator = resourceIndicatorFor(api.identifier);
  const apiScopes = api.permissions.map((p) => p.value);
  const skippedConsent = api.allowSkippingUserConsent ? consentSkipper(apiIndicator, apiScopes, accounts) : undefined;
  const spaOrigins = new Set(tenant.applications.spa.webOrigins.map((origin) => new URL(origin).origin));
  const dpop = dpopSettings(dpopNonceSecret);

  return {
    clients: clientsFor(tenant, m2mClientSecret),
    jwks: { keys: signingKeys },
    // Sessions live in memory; fresh cookie keys per process simply log everyone out on restart.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: ROUTES,
    // offline_access is listed as Auth0's discovery lists it; refreshTokenPolicy decides who gets a refresh token.
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'nickname'],
    },
    // Auth0 puts the profile claims in the id_token even when an access token is issued alongside it.
    conformIdTokenClaims: false,
    responseTypes: ['id_token token', 'id_token', 'code'],
    // Auth0's `audience` authorization parameter; mapped to a resource indicator in defaultResource.
    extraParams: ['audience'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    enabledJWA: dpop.enabledJWA,
    clientBasedCORS: (_ctx, origin) => spaOrigins.has(origin),
    async findAccount(_ctx, sub) {
      const account = accounts.findById(sub);
      if (!account) return undefined;
      return {
        accountId: account.id,
        claims: () => ({
          sub: account.id,
          email: account.email,
          email_verified: true,
          name: account.name,
          nickname: account.email.split('@')[0],
        }),
      };
    },
    loadExistingGrant: grantLoader(consents, skippedConsent),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      // The built-in dev login accepts any password; the tenant has real login and consent pages.
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // DPoP-bound tokens when the token request carries a proof; server nonces required (src/dpop.ts).
      dPoP: dpop.feature,
      userinfo: { enabled: true },
      // auth0-js checkSession: prompt=none in a hidden iframe, answered by postMessage.
      webMessageResponseMode: { enabled: true, ack: 'individual-draft-01' },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.set(LOGOUT_PAGE_HEADERS);
          ctx.body = renderLogoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.set(PAGE_HEADERS);
          ctx.body = renderMessagePage('Logged out', [], 'You are logged out of the Organizer local tenant.');
        },
      },
      resourceIndicators: {
        enabled: true,
        // RFC 8707 `resource` wins; else Auth0's `audience`; else the tenant's default API (or none).
        defaultResource: (ctx, _client, oneOf) => {
          if (oneOf) return oneOf;
          const audience = audienceOf(ctx) ?? tenant.defaultAudience;
          return audience === undefined ? undefined : resourceIndicatorFor(audience);
        },
        // Code exchanges keep the API chosen at /authorize instead of falling back to a userinfo token.
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, indicator, client) => {
          // An unknown audience is an error, never a silently opaque token.
          if (indicator !== apiIndicator) throw new errors.InvalidTarget(`unknown audience or resource "${indicator}"`);
          const m2m = tenant.applications.m2m;
          const allowed =
            client.clientId === m2m.clientId ? apiScopes.filter((s) => m2m.grantedPermissions.includes(s)) : apiScopes;
          applyClientGrant(ctx, allowed);
          return {
            scope: allowed.join(' '),
            audience: api.identifier,
            accessTokenTTL: api.tokenLifetimeSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: api.signingAlgorithm } },
          };
        },
      },
    },
    formats: {
      customizers: {
        // Auth0's claims for machine-to-machine tokens, and `azp` like Auth0's access tokens.
        jwt: (_ctx, token, jwt) => {
          jwt.payload.azp = token.clientId;
          if (token.kind === 'ClientCredentials') {
            jwt.payload.sub = `${token.clientId}@clients`;
            jwt.payload.gty = 'client-credentials';
          }
        },
      },
    },
    ttl: tokenLifetimes,
    ...refreshTokenPolicy,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.set(PAGE_HEADERS);
      // The OAuth error code and oidc-provider's description of it, nothing else: no echoed `state`, and
      // an unexpected error (server_error) is described in the log only.
      const lines: Array<[string, string]> = [['error', String(out.error)]];
      if (out.error !== 'server_error' && out.error_description)
        lines.push(['error_description', String(out.error_description)]);
      ctx.body = renderMessagePage(
        'Something went wrong',
        lines,
        'The request could not be completed. Nothing was sent back to the application.',
      );
    },
  };
}
