import { createHash } from 'node:crypto';
import { layout } from './layout.ts';
import { PAGE_HEADERS } from './send-page.ts';

const SUBMIT = "document.getElementById('op.logoutForm').submit()";

/**
 * The logout page's headers: never framed (a hidden frame on another page would log the user out), and its
 * one inline script allowed by its hash, nothing else.
 */
export const LOGOUT_PAGE_HEADERS = {
  ...PAGE_HEADERS,
  'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(SUBMIT).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'`,
};

/**
 * Auth0's /v2/logout ends the session at once, without asking. oidc-provider asks first; this page
 * answers for the user by submitting its form with logout=yes, and keeps a button for browsers
 * without JavaScript. `form` is oidc-provider's own form markup (action and xsrf value it generated).
 */
export function renderLogoutPage(form: string): string {
  const withLogout = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return layout(
    'Logging out',
    `<h1>Logging out…</h1>${withLogout}<button type="submit" form="op.logoutForm">Log out</button>`,
    `<script>${SUBMIT}</script>`,
  );
}
