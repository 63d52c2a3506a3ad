// The settings every part reads (services, SPA, pnpm dev, scripts, local tenant), one parser each. Pure: no
// Node imports, so the SPA's page uses the same code as the services.
export { type ApiUrls, DEFAULT_API_URLS, parseApiUrl, parseApiUrls } from './api-urls.ts';
export { type AuthConfig, DEFAULT_SPA_ORIGIN, parseAuthConfig, parseSpaOrigin } from './auth-config.ts';
export { ConfigError, optionalPort, present, requireUrl } from './config-error.ts';
export {
  audienceFrom,
  DEFAULT_AUDIENCE,
  DEFAULT_LOCAL_TENANT_URL,
  type IssuerSource,
  issuerFrom,
  type LocalTenantUrl,
  localTenantIssuer,
  parseAudience,
  parseAuth0Domain,
  parseIssuerBaseUrl,
  parseLocalTenantUrl,
} from './tenant-settings.ts';
