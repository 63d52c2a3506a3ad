// Wiring only: read the configuration, then start the page or explain what is wrong with the settings.
import { startApp } from './app.ts';
import { createAuth } from './auth.ts';
import { ConfigError, parseSpaConfig } from './config.ts';
import { createPage } from './ui/page.ts';

const page = createPage();
try {
  const config = parseSpaConfig(__ORGANIZER_SPA_ENV__);
  startApp({ config, auth: createAuth(config, window.location.origin), page, location: window.location, history: window.history });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  page.showConfigError(error);
}
