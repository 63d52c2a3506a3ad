// Wiring only: load the configuration (/config.json, from the SPA's server), then start the page or explain what is wrong with the settings
// or with the address the page was opened at.

import { startApp } from './app.ts';
import { checkOrigin } from './app-origin.ts';
import { createWebAuth, logOutAtTenant } from './auth.ts';
import { ConfigError } from './config.ts';
import { createImplicitAuth } from './implicit-flow.ts';
import { loadSpaConfig } from './load-config.ts';
import { createPage } from './ui/page.ts';

// Back from the tenant's page may restore this page from the back-forward cache as it was when it left
// ("Redirecting to the tenant…"); a fresh start shows the real state instead.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

const page = createPage();
try {
  const config = await loadSpaConfig();
  const wrongOrigin = checkOrigin(window.location, config.spaOrigin);
  if (wrongOrigin) {
    page.showConfig(config);
    page.showWrongOrigin(wrongOrigin, config.spaOrigin);
  } else {
    const webAuth = createWebAuth(config);
    startApp({
      config,
      implicit: createImplicitAuth(webAuth),
      logout: () => logOutAtTenant(webAuth, config),
      page,
      location: window.location,
      history: window.history,
    });
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  page.showConfigError(error);
}
