import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localTenantIssuer } from '@organizer/auth/settings';
import express from 'express';
import Provider from 'oidc-provider';
import { createAccountStore } from './accounts.ts';
import { logoutParameters, tokenRequestAdapter } from './auth0-compat.ts';
import type { TenantConfig } from './config.ts';
import { consentManagementRouter } from './consent-management.ts';
import { ConsentStore } from './consent-store.ts';
import { tenantErrorHandler } from './error-handler.ts';
import { interactionRouter } from './interactions.ts';
import { LoginThrottle } from './login-throttle.ts';
import { providerConfiguration, ROUTES } from './provider-config.ts';
import { oneRequestAtATimePerSession } from './session-queue.ts';
import { loadSigningKeys } from './signing-keys.ts';
import { keyRetentionSeconds } from './token-lifetimes.ts';
import { answerWebMessageErrorsWith200 } from './web-message-status.ts';

export interface RunningTenant {
  /** LOCAL_TENANT_URL with the port bound and the trailing slash the services' ISSUER_BASE_URL uses. */
  issuer: string;
  port: number;
  /** The address the server is bound to: a loopback address. */
  address: string;
  /** The kid of the key that signs new tokens. */
  activeKid: string;
  provider: Provider;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where oidc-provider's unexpected errors go (default: console.error). */
  logError?: (message: string) => void;
  throttle?: LoginThrottle;
}

/**
 * Starts the local tenant on localhost: listens first (port 0 picks a free port), because the issuer
 * must name the real port, then builds the oidc-provider instance for that issuer.
 */
export async function startTenant(config: TenantConfig, options: StartOptions = {}): Promise<RunningTenant> {
  const [keys, accounts] = await Promise.all([
    loadSigningKeys(config.keysDir, { retentionSeconds: keyRetentionSeconds(config) }),
    createAccountStore(config.tenant),
  ]);

  let handler: express.Express | undefined;
  const server: Server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Local development only: never reachable from another machine.
    server.listen(config.port, config.host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const issuer = localTenantIssuer(config.host, port);

  const consents = new ConsentStore();
  const provider = new Provider(
    issuer,
    providerConfiguration({
      tenant: config.tenant,
      m2mClientSecret: config.m2mClientSecret,
      signingKeys: keys.map((key) => key.jwk),
      accounts,
      consents,
      dpopNonceSecret: config.dpopNonce.secret,
    }),
  );
  relaxImplicitOnLocalhost(provider);
  answerWebMessageErrorsWith200(provider);
  const logError = options.logError ?? ((message: string) => console.error(message));
  provider.on('server_error', (_ctx, error) => logError(`local tenant: ${error.stack ?? error.message}`));

  const app = express();
  app.disable('x-powered-by');
  app.use(oneRequestAtATimePerSession());
  const providerCallback = provider.callback();
  app.get(ROUTES.end_session, logoutParameters);
  app.post(ROUTES.token, tokenRequestAdapter(providerCallback, config.tenant.defaultAudience !== undefined));
  const tenantOrigin = new URL(provider.issuer).origin;
  app.use('/consent', consentManagementRouter({ provider, tenant: config.tenant, accounts, consents, tenantOrigin }));
  app.use(
    '/interaction',
    interactionRouter({
      provider,
      tenant: config.tenant,
      accounts,
      consents,
      throttle: options.throttle ?? new LoginThrottle(),
      tenantOrigin,
    }),
  );
  app.use((req, res) => providerCallback(req, res));
  app.use(tenantErrorHandler(logError));
  handler = app;

  return {
    issuer,
    port,
    address,
    activeKid: String(keys[0]!.jwk.kid),
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The guide's SPA uses the implicit flow, and oidc-provider refuses implicit clients whose redirect
 * URIs use http or localhost (right for production). This tenant only ever runs on localhost, so it
 * skips exactly those two checks; every other client metadata check still applies.
 */
function relaxImplicitOnLocalhost(provider: Provider): void {
  // Client.Schema is oidc-provider's documented extension point for client validation; its typings omit it.
  const schema = (
    provider.Client as unknown as { Schema: { prototype: { invalidate(message: string, code?: string): void } } }
  ).Schema.prototype;
  const invalidate = schema.invalidate;
  schema.invalidate = function invalidateExceptLocalImplicit(message: string, code?: string) {
    if (code === 'implicit-force-https' || code === 'implicit-forbid-localhost') return;
    invalidate.call(this, message, code);
  };
}
