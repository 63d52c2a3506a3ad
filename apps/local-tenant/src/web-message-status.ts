import type Provider from 'oidc-provider';

/**
 * auth0-js `checkSession` loads /authorize with `response_mode=web_message` in a hidden iframe, and the
 * outcome (tokens, or an error such as `login_required`) travels in the page's postMessage. Auth0
 * serves that page with 200 either way; oidc-provider serves error outcomes with 400, which the
 * browser reports in the SPA's console on every signed-out page load. This keeps the page and the
 * message as they are and only answers 200, as Auth0 does. Errors shown as the tenant's own error
 * page (for example an unregistered redirect_uri, which must never post a message) are not touched:
 * they are not web_message pages.
 */
export function answerWebMessageErrorsWith200(provider: Provider): void {
  provider.use(async (ctx, next) => {
    await next();
    if (
      ctx.status === 400 &&
      ctx.query.response_mode === 'web_message' &&
      ctx.response.is('html') &&
      isWebMessagePage(ctx.body)
    ) {
      ctx.status = 200;
    }
  });
}

function isWebMessagePage(body: unknown): boolean {
  return typeof body === 'string' && body.includes('<title>Web Message Response</title>');
}
