// Wiring only: read the configuration, then start the page or explain what is wrong with the settings
// or with the address the page was opened at.
import { checkOrigin, SPA_ORIGIN } from './app-origin.ts';
import { startApp } from './app.ts';
import { createAuth } from './auth.ts';
import { ConfigError, parseSpaConfig } from './config.ts';
import { createPage } from './ui/page.ts';

const page = createPage();
try {
  const config = parseSpaConfig(__ORGANIZER_SPA_ENV__);
  const wrongOrigin = checkOrigin(window.location);
  if (wrongOrigin) {
    page.showConfig(config);
    page.showWrongOrigin(wrongOrigin, SPA_ORIGIN);
  } else {
    startApp({ config, auth: createAuth(config, SPA_ORIGIN), page, location: window.location, history: window.history });
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  page.showConfigError(error);
}
