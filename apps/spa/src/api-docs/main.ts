// Wiring only: the API console at /api-docs/. Swagger UI (swagger-ui-dist, no build step of its own) renders
// both services' documents as one; the sign-in is the SPA's own login module (src/login), and every "Try it
// out" request gets its headers from it: `Authorization` and, for DPoP-bound tokens, a proof for exactly
// that request. Swagger UI's own Authorize dialog is left out: it signs in through a popup, and the popup
// loses its opener on the way through the tenant (Cross-Origin-Opener-Policy), so it could never finish.
import 'swagger-ui-dist/swagger-ui.css';
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import { checkOrigin } from '../app-origin.ts';
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

// What went wrong, by source: a later sign-in failure must not hide a document that could not be loaded.
const shown: Record<'documents' | 'session', readonly string[]> = { documents: [], session: [] };

function showProblems(source: keyof typeof shown, lines: readonly string[]): void {
  shown[source] = lines;
  const all = [...shown.documents, ...shown.session];
  problems.replaceChildren(...all.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
  problems.hidden = all.length === 0;
}

function showChange(change: LoginChange): void {
  // A renewal that failed for a passing reason leaves the session as it was: only say so.
  if (change.type === 'renewal-failed') {
    showProblems('session', [`Renewing the token failed: ${change.failure.error} (${change.failure.description})`]);
    return;
  }
  const signedIn = change.type === 'signed-in' || change.type === 'renewed';
  if (signedIn) {
    showProblems('session', []);
    const { user, tokenType } = change.session;
    status.textContent = `Signed in as ${user.email ?? user.name ?? user.sub}. "Try it out" sends your ${tokenType === 'DPoP' ? 'DPoP-bound token with a proof' : 'bearer token'}.`;
  } else if (change.type === 'signed-out') {
    status.textContent = 'Not signed in: "Try it out" sends no token, and the services answer 401.';
    if (change.failure)
      showProblems('session', [`Sign-in failed: ${change.failure.error} (${change.failure.description})`]);
  } else status.textContent = change.type === 'finishing' ? 'Finishing the sign-in…' : 'Leaving for the tenant…';
  loginButton.hidden = signedIn;
  loginButton.disabled = change.type === 'leaving' || change.type === 'finishing';
  logoutButton.hidden = !signedIn;
}

async function start(): Promise<void> {
  const config = await loadSpaConfig();
  const login = createLogin({
    domain: config.tenant.domain,
    clientId: config.clientId,
    audience: config.audience,
    scopes: ALL_PERMISSIONS,
    // Registered at the tenant beside the SPA's own callback (tenant.config.ts, `pnpm auth0:setup`).
    redirectUri: `${config.spaOrigin}/api-docs/`,
  });
  const wrong = checkOrigin(window.location, config.spaOrigin);
  if (wrong) {
    // The tenant sends the browser back only to SPA_ORIGIN, and the services allow no other origin.
    status.textContent = `Open ${wrong.openInstead} instead: this console works at SPA_ORIGIN only, not at ${wrong.actual}.`;
    loginButton.disabled = true;
    return;
  }
  login.onChange(showChange);
  loginButton.addEventListener('click', () => void login.login());
  logoutButton.addEventListener('click', () => void login.logout());
  // Started first: it takes the code and state out of the address bar at once, then exchanges the code while
  // the documents load (or, after a reload, leaves for the tenant's prompt=none check).
  const session = login.handleRedirect().then(async (handled) => {
    if (!handled) await login.restore();
  });
  // Its failure is thrown by `await session` below; until then it must not surface as an unhandled rejection.
  session.catch(() => undefined);
  const loaded = await loadApiDocument(
    [
      { service: 'contacts', apiUrl: config.apis.contacts },
      { service: 'calendar', apiUrl: config.apis.calendar },
    ],
    config.spaOrigin,
  );
  showProblems('documents', loaded.failures);
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
  await session;
}

try {
  await start();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  status.textContent = 'The console cannot start: the SPA settings are wrong.';
  showProblems('documents', [error.message]);
}
