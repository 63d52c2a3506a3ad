import { layout } from './layout.ts';

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
    `<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}
