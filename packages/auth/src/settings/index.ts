// A service's settings, one parser each; the SPA, pnpm dev, the scripts and the local tenant read the same ones
// through these parsers. Pure: no Node imports, so the SPA's page runs the same code as the services.
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
