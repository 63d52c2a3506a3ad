import type { Permission } from '../tenant-definition.ts';
import { escapeHtml, layout } from './layout.ts';

export interface ConsentPageInput {
  uid: string;
  applicationName: string;
  userEmail: string;
  /** The requested API permissions the user's roles allow, with their descriptions. */
  permissions: readonly Permission[];
  /** Whether the app also asks for the user's profile (name and email). */
  profile: boolean;
}

export function renderConsentPage({ uid, applicationName, userEmail, permissions, profile }: ConsentPageInput): string {
  const action = `/interaction/${escapeHtml(encodeURIComponent(uid))}`;
  const items = [
    ...(profile ? ['<li>Your name and email address <code>profile email</code></li>'] : []),
    ...permissions.map((p) => `<li>${escapeHtml(p.description)} <code>${escapeHtml(p.value)}</code></li>`),
  ];
  return layout(
    'Authorize app',
    `<h1>Authorize ${escapeHtml(applicationName)}</h1>
<p class="sub">Hi ${escapeHtml(userEmail)}, ${escapeHtml(applicationName)} is requesting access to your account:</p>
${items.length ? `<ul class="permissions">${items.join('\n')}</ul>` : '<p>No permissions that your roles allow.</p>'}
<form method="post" action="${action}/confirm"><button type="submit">Accept</button></form>
<form method="post" action="${action}/abort"><button type="submit" class="secondary">Decline</button></form>`,
  );
}
