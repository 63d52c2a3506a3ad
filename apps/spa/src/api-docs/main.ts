// Wiring only: the API console at /api-docs/. Swagger UI (swagger-ui-dist, no build step of its own) renders
// both services' documents as one; the sign-in is the SPA's own login module (src/login), and every "Try it
// out" request gets its headers from it: `Authorization` and, for DPoP-bound tokens, a proof for exactly
// that request. Swagger UI's own Authorize dialog is left out: it signs in through a popup, and the popup
// loses its opener on the way through the tenant (Cross-Origin-Opener-Policy), so it could never finish.
import 'swagger-ui-dist/swagger-ui.css';
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import { ConfigError } from '../config.ts';
import { loadSpaConfig } from '../load-config.ts';
import { createLogin, type LoginChange } from '../login/login.ts';
import { loadApiDocument } from './api-document.ts';

const ALL_PERMISSIONS = ['read:contacts', 'write:contacts', 'read:calendar', 'write:calendar'];

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const [status, problems] = [element('docs-session'), element('docs-error')];
const [loginButton, logoutButton] = [
  element<HTMLButtonElement>('docs-login'),
  element<HTMLButtonElement>('docs-logout'),
];

function showProblems(lines: readonly string[]): void {
  problems.replaceChildren(...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
  problems.hidden = lines.length === 0;
}

function showChange(change: LoginChange): void {
  // A renewal that failed for a passing reason leaves the session as it was: only say so.
  if (change.type === 'renewal-failed') {
    showProblems([`Renewing the token failed: ${change.failure.error} (${change.failure.description})`]);
    return;
  }
  const signedIn = change.type === 'signed-in' || change.type === 'renewed';
  if (signedIn) {
    const { user, tokenType } = change.session;
    status.textContent = `Signed in as ${user.email ?? user.name ?? user.sub}. "Try it out" sends your ${tokenType === 'DPoP' ? 'DPoP-bound token with a proof' : 'bearer token'}.`;
  } else if (change.type === 'signed-out') {
    status.textContent = 'Not signed in: "Try it out" sends no token, and the services answer 401.';
    if (change.failure) showProblems([`Sign-in failed: ${change.failure.error} (${change.failure.description})`]);
  } else status.textContent = change.type === 'finishing' ? 'Finishing the sign-in…' : 'Leaving for the tenant…';
  loginButton.hidden = signedIn;
  loginButton.disabled = change.type === 'leaving' || change.type === 'finishing';
  logoutButton.hidden = !signedIn;
}

try {
  const config = await loadSpaConfig();
  const login = createLogin({
    domain: config.tenant.domain,
    clientId: config.clientId,
    audience: config.audience,
    scopes: ALL_PERMISSIONS,
    // Registered at the tenant beside the SPA's own callback (tenant.config.ts, `pnpm auth0:setup`).
    redirectUri: `${config.spaOrigin}/api-docs/`,
  });
  login.onChange(showChange);
  loginButton.addEventListener('click', () => void login.login());
  logoutButton.addEventListener('click', () => void login.logout());
  const loaded = await loadApiDocument(
    [
      { service: 'contacts', apiUrl: config.apis.contacts },
      { service: 'calendar', apiUrl: config.apis.calendar },
    ],
    config.spaOrigin,
  );
  showProblems(loaded.failures);
  if (loaded.document) {
    SwaggerUI({
      domNode: element('swagger-ui'),
      spec: loaded.document,
      tryItOutEnabled: true,
      displayOperationId: true,
      defaultModelsExpandDepth: 0,
      plugins: [() => ({ wrapComponents: { authorizeBtn: () => () => null } })],
      requestInterceptor: async (request) => {
        Object.assign(request.headers, await login.authorization(request.method, request.url));
        return request;
      },
    });
  }
  if (!(await login.handleRedirect())) await login.restore();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  status.textContent = 'The console cannot start: the SPA settings are wrong.';
  showProblems([error.message]);
}
