import { escapeHtml, layout } from './layout.ts';

export interface LoginPageInput {
  uid: string;
  applicationName: string;
  email?: string | undefined;
  error?: string | undefined;
}

/** The Universal-Login-like page: the accessible names ("Email", "Password", "Continue") are a contract. */
export function renderLoginPage({ uid, applicationName, email = '', error }: LoginPageInput): string {
  return layout(
    'Log in',
    `<h1>Log in</h1>
<p class="sub">to continue to ${escapeHtml(applicationName)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(encodeURIComponent(uid))}/login" autocomplete="on">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}"${email ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${email ? ' autofocus' : ''}>
<button type="submit">Continue</button>
</form>`,
  );
}
