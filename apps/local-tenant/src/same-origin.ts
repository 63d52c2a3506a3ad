import type { NextFunction, Request, Response } from 'express';
import { renderMessagePage } from './pages/message-page.ts';
import { sendPage } from './pages/send-page.ts';

/**
 * Refuses a form post that a page of another origin made the browser send: a login under the
 * attacker's account, or Accept clicked for the user. Every localhost port is the same *site*, so
 * SameSite cookies do not stop such a post; where it came from does. Browsers send `Origin` on every
 * form post; without it, `Sec-Fetch-Site` must say same-origin. Neither header means a client that is
 * not a browser on the tenant's pages, and it is refused too (`TenantBrowser` sends `Origin`).
 */
export function sameOriginOnly(tenantOrigin: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    const allowed = origin !== undefined ? origin === tenantOrigin : req.get('sec-fetch-site') === 'same-origin';
    if (allowed) return next();
    sendPage(
      res,
      403,
      renderMessagePage(
        'This form came from another page',
        [],
        `The tenant accepts its login and consent forms only from its own pages at ${tenantOrigin}. Nothing was changed. Go back to the application and log in from there.`,
      ),
    );
  };
}
