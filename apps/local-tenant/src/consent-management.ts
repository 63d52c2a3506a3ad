import express, { type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import type { AccountStore } from './accounts.ts';
import type { ConsentStore, RememberedConsent } from './consent-store.ts';
import { renderAuthorizedAppsPage } from './pages/authorized-apps-page.ts';
import { describeOidcScope } from './pages/consent-page.ts';
import { renderMessagePage } from './pages/message-page.ts';
import { sendPage } from './pages/send-page.ts';
import { sameOriginOnly } from './same-origin.ts';
import type { TenantDefinition } from './tenant-definition.ts';

export interface ConsentManagementDependencies {
  provider: Provider;
  tenant: TenantDefinition;
  accounts: AccountStore;
  consents: ConsentStore;
  tenantOrigin: string;
}

const NOT_SIGNED_IN = renderMessagePage(
  'Authorized applications',
  [],
  'You are not signed in at the Organizer local tenant. Log in through the application, then open this page again.',
);

/**
 * `/consent`: the signed-in user's remembered consents, and a way to revoke one, so the consent page
 * (and its Decline button) comes back without restarting the tenant. Auth0 does the same by deleting
 * the user's grant for the application; here that is the remembered consent, every grant made from it
 * (in any session) and what was issued under those. JWT access tokens already issued stay valid
 * until they expire, as with Auth0.
 */
/** The grant and what was issued under it that the tenant still holds (codes, refresh and opaque tokens). */
async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all(
    [provider.AuthorizationCode, provider.RefreshToken, provider.AccessToken].map((model) =>
      model.revokeByGrantId(grantId),
    ),
  );
  await (await provider.Grant.find(grantId))?.destroy();
}

export function consentManagementRouter({
  provider,
  tenant,
  accounts,
  consents,
  tenantOrigin,
}: ConsentManagementDependencies): express.Router {
  const router = express.Router();
  const apiPermissions = new Map(tenant.api.permissions.map((p) => [p.value, p]));

  async function signedIn(req: Request, res: Response) {
    // The tenant's session cookie, read as oidc-provider reads it; this page never changes the session.
    const session = await provider.Session.get(provider.createContext(req, res));
    const account = session.accountId ? accounts.findById(session.accountId) : undefined;
    return account ? { session, account } : undefined;
  }

  function describe(consent: RememberedConsent) {
    const permissions = [...consent.resources.values()].flatMap(({ granted }) => [...granted]);
    return [
      ...[...consent.oidcScopes].map(describeOidcScope),
      ...permissions.map((scope) => apiPermissions.get(scope) ?? { value: scope, description: scope }),
    ];
  }

  async function page(res: Response, accountId: string, userEmail: string, revoked?: string) {
    const apps = await Promise.all(
      consents.listFor(accountId).map(async ([clientId, consent]) => ({
        clientId,
        name: (await provider.Client.find(clientId))?.clientName ?? clientId,
        scopes: describe(consent),
      })),
    );
    sendPage(res, 200, renderAuthorizedAppsPage({ userEmail, apps, revoked }));
  }

  router.get('/', async (req, res) => {
    const user = await signedIn(req, res);
    if (!user) return sendPage(res, 200, NOT_SIGNED_IN);
    await page(res, user.account.id, user.account.email);
  });

  router.post(
    '/revoke',
    sameOriginOnly(tenantOrigin),
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res) => {
      const user = await signedIn(req, res);
      if (!user) return sendPage(res, 403, NOT_SIGNED_IN);
      const clientId = typeof req.body?.client_id === 'string' ? req.body.client_id : '';
      const client = clientId ? await provider.Client.find(clientId) : undefined;
      if (!client)
        return sendPage(
          res,
          400,
          renderMessagePage('Unknown application', [], 'Go back to the list of authorized applications and try again.'),
        );

      const grantIds = new Set(consents.forget(user.account.id, client.clientId));
      const sessionGrant = user.session.grantIdFor(client.clientId);
      if (sessionGrant) grantIds.add(sessionGrant);
      await Promise.all([...grantIds].map((grantId) => revokeGrant(provider, grantId)));
      await page(res, user.account.id, user.account.email, client.clientName ?? client.clientId);
    },
  );
  return router;
}
