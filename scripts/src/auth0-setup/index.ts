export { loadAuth0SetupConfig, parseSetupArgs, USAGE, type Auth0SetupConfig, type ManagementCredentials, type SetupArgs } from './config.ts';
export { EMPTY_TENANT, type CurrentTenant } from './current-state.ts';
export { AUTH0_SPA_SETTINGS, DEMO_CONNECTION, desiredTenant, TENANT_FILE, type DesiredTenant, type TenantFile } from './desired-state.ts';
export { mergeEnvFile, type EnvEntry, type EnvStatus } from './env-file.ts';
export { DEMO_USER_SCOPES, SETUP_SCOPES, SetupError } from './errors.ts';
export { planSetup, type Action, type Step } from './plan.ts';
export { planWithoutTenant, runAuth0Setup, type SetupDeps } from './run.ts';
