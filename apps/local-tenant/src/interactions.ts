import express, { type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { AccountStore } from './accounts.ts';
import type { ConsentStore } from './consent-store.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { renderConsentPage } from './pages/consent-page.ts';
import { renderLoginPage } from './pages/login-page.ts';
import { renderMessagePage } from './pages/message-page.ts';
import { sendPage as send } from './pages/send-page.ts';
import { decideScopes } from './rbac.ts';
import { sameOriginOnly } from './same-origin.ts';
import type { TenantDefinition } from './tenant-definition.ts';

export interface InteractionDependencies {
  provider: Provider;
  tenant: TenantDefinition;
  accounts: AccountStore;
  consents: ConsentStore;
  throttle: LoginThrottle;
  /** The tenant's own origin: the only one whose pages may post the login and consent forms. */
  tenantOrigin: string;
}

/** One message for an unknown email and a wrong password, so the page does not reveal who has an account. */
export const LOGIN_FAILED = 'Wrong email or password.';

/**
 * The login and consent pages oidc-provider sends the browser to (`interactions.url`). Errors go on
 * to the app's one error handler (src/error-handler.ts).
 */
export function interactionRouter({
  provider,
  tenant,
  accounts,
  consents,
  throttle,
  tenantOrigin,
}: InteractionDependencies): express.Router {
  const router = express.Router();
  // Checked before the body is read: a post from another origin gets no further than its headers.
  const sameOrigin = sameOriginOnly(tenantOrigin);
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const apiPermissions = new Map(tenant.api.permissions.map((p) => [p.value, p]));

  async function details(req: Request, res: Response) {
    const interaction = await provider.interactionDetails(req, res);
    // The cookie names another login than the address (an old tab): the same as an expired one.
    if (interaction.uid !== req.params.uid) throw new errors.SessionNotFound('interaction mismatch');
    const client = await provider.Client.find(String(interaction.params.client_id));
    return { interaction, applicationName: client?.clientName ?? String(interaction.params.client_id) };
  }

  /** The consent decision for the scopes oidc-provider reports as not yet granted, after RBAC. */
  function pendingConsent(missing: Record<string, unknown>, accountId: string) {
    const account = accounts.findById(accountId);
    if (!account) throw new Error('account not found');
    const resources = Object.entries((missing.missingResourceScopes ?? {}) as Record<string, string[]>).map(
      ([indicator, scopes]) => [indicator, decideScopes(scopes, account)] as const,
    );
    return { account, oidcScopes: (missing.missingOIDCScope ?? []) as string[], resources };
  }

  router.get('/:uid', async (req, res) => {
    const { interaction, applicationName } = await details(req, res);
    if (interaction.prompt.name === 'login') {
      return send(
        res,
        200,
        renderLoginPage({ uid: interaction.uid, applicationName, email: String(interaction.params.login_hint ?? '') }),
      );
    }
    const accountId = interaction.session?.accountId;
    if (interaction.prompt.name !== 'consent' || !accountId) {
      return send(res, 400, renderMessagePage('Unsupported request', [['prompt', interaction.prompt.name]]));
    }
    const { account, oidcScopes, resources } = pendingConsent(interaction.prompt.details, accountId);
    const granted = resources.flatMap(([, decision]) => decision.granted);
    send(
      res,
      200,
      renderConsentPage({
        uid: interaction.uid,
        applicationName,
        userEmail: account.email,
        oidcScopes,
        permissions: granted.map((scope) => apiPermissions.get(scope) ?? { value: scope, description: scope }),
      }),
    );
  });

  router.post('/:uid/login', sameOrigin, form, async (req, res) => {
    const { interaction, applicationName } = await details(req, res);
    if (interaction.prompt.name !== 'login')
      return send(res, 400, renderMessagePage('Unexpected login', [['prompt', interaction.prompt.name]]));
    const email = typeof req.body?.email === 'string' ? req.body.email.trim() : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    // The socket's address, never X-Forwarded-For: a header would let each guess claim a new address.
    const attempt = { email, address: req.socket.remoteAddress ?? 'unknown' };
    const wait = throttle.begin(attempt);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return send(
        res,
        429,
        renderLoginPage({
          uid: interaction.uid,
          applicationName,
          email,
          error: `Too many failed attempts. Try again in ${wait} seconds.`,
        }),
      );
    }
    const account = await accounts.authenticate(email, password);
    if (!account) {
      return send(res, 401, renderLoginPage({ uid: interaction.uid, applicationName, email, error: LOGIN_FAILED }));
    }
    throttle.recordSuccess(attempt);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.id } },
      { mergeWithLastSubmission: false },
    );
  });

  router.post('/:uid/confirm', sameOrigin, form, async (req, res) => {
    const { interaction } = await details(req, res);
    const accountId = interaction.session?.accountId;
    if (interaction.prompt.name !== 'consent' || !accountId)
      return send(res, 400, renderMessagePage('Unexpected consent', [['prompt', interaction.prompt.name]]));
    const { oidcScopes, resources } = pendingConsent(interaction.prompt.details, accountId);
    const clientId = String(interaction.params.client_id);
    const grant =
      (interaction.grantId && (await provider.Grant.find(interaction.grantId))) ||
      new provider.Grant({ accountId, clientId });
    if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
    const claims = interaction.prompt.details.missingOIDCClaims as string[] | undefined;
    if (claims?.length) grant.addOIDCClaims(claims);
    for (const [indicator, { granted, rejected }] of resources) {
      if (granted.length) grant.addResourceScope(indicator, granted.join(' '));
      if (rejected.length) grant.rejectResourceScope(indicator, rejected.join(' '));
    }
    const grantId = await grant.save();
    consents.remember(accountId, clientId, oidcScopes, Object.fromEntries(resources));
    consents.trackGrant(accountId, clientId, grantId);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  });

  router.post('/:uid/abort', sameOrigin, form, async (req, res) => {
    await details(req, res);
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user declined the consent request.' },
      { mergeWithLastSubmission: false },
    );
  });

  return router;
}
