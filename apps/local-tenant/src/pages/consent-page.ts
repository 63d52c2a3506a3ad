import type { Permission } from '../tenant-definition.ts';
import { escapeHtml, layout } from './layout.ts';

export interface ConsentPageInput {
  uid: string;
  applicationName: string;
  userEmail: string;
  /** The OpenID Connect scopes asked for, exactly as requested (`openid`, `profile`, …). */
  oidcScopes: readonly string[];
  /** The requested API permissions the user's roles allow, with their descriptions. */
  permissions: readonly Permission[];
}

/** What each OpenID Connect scope lets the application know (the claims in src/provider-config.ts). */
const OIDC_SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  openid: 'Know who you are (your user ID)',
  profile: 'Your name and nickname',
  email: 'Your email address',
  offline_access: 'Stay signed in while you are away',
};

export function describeOidcScope(scope: string): Permission {
  return { value: scope, description: OIDC_SCOPE_DESCRIPTIONS[scope] ?? scope };
}

/** One list item per scope: what it allows, then the scope itself. */
export function scopeItems(scopes: readonly Permission[]): string {
  return scopes.map((p) => `<li>${escapeHtml(p.description)} <code>${escapeHtml(p.value)}</code></li>`).join('\n');
}

export function renderConsentPage({
  uid,
  applicationName,
  userEmail,
  oidcScopes,
  permissions,
}: ConsentPageInput): string {
  const action = `/interaction/${escapeHtml(encodeURIComponent(uid))}`;
  const requested = [...oidcScopes.map(describeOidcScope), ...permissions];
  return layout(
    'Authorize app',
    `<h1>Authorize ${escapeHtml(applicationName)}</h1>
<p class="sub">Hi ${escapeHtml(userEmail)}, ${escapeHtml(applicationName)} is requesting access to your account:</p>
${requested.length ? `<ul class="permissions">${scopeItems(requested)}</ul>` : '<p>No permissions that your roles allow.</p>'}
<form method="post" action="${action}/confirm"><button type="submit">Accept</button></form>
<form method="post" action="${action}/abort"><button type="submit" class="secondary">Decline</button></form>`,
  );
}
