import type { Permission } from '../tenant-definition.ts';
import { scopeItems } from './consent-page.ts';
import { escapeHtml, layout } from './layout.ts';

export interface AuthorizedApp {
  clientId: string;
  name: string;
  /** What the user allowed: OpenID Connect scopes, then permissions, with descriptions. */
  scopes: readonly Permission[];
}

export interface AuthorizedAppsPageInput {
  userEmail: string;
  apps: readonly AuthorizedApp[];
  /** The application whose access was just revoked, if any. */
  revoked?: string | undefined;
}

/** The signed-in user's consents, each with a button that revokes it (like revoking a user's grant in Auth0). */
export function renderAuthorizedAppsPage({ userEmail, apps, revoked }: AuthorizedAppsPageInput): string {
  const notice = revoked
    ? `<p class="notice" role="status">Access revoked: ${escapeHtml(revoked)} will ask for your consent at its next login.</p>`
    : '';
  const sections = apps.map(
    (app) => `<h2>${escapeHtml(app.name)}</h2>
<ul class="permissions">${scopeItems(app.scopes)}</ul>
<form method="post" action="/consent/revoke"><input type="hidden" name="client_id" value="${escapeHtml(app.clientId)}"><button type="submit" class="secondary">Revoke access</button></form>`,
  );
  return layout(
    'Authorized applications',
    `<h1>Authorized applications</h1>
<p class="sub">Signed in as ${escapeHtml(userEmail)}. These applications may use your account without asking again.</p>
${notice}
${sections.length ? sections.join('\n') : '<p>No application has your consent.</p>'}`,
  );
}
