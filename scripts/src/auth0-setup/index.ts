export {
  type Auth0SetupConfig,
  loadAuth0SetupConfig,
  type ManagementCredentials,
  parseSetupArgs,
  type SetupArgs,
  USAGE,
} from './config.ts';
export { type CurrentTenant, EMPTY_TENANT } from './current-state.ts';
export {
  AUTH0_SPA_SETTINGS,
  DEMO_CONNECTION,
  type DesiredTenant,
  desiredTenant,
  TENANT_FILE,
  type TenantFile,
} from './desired-state.ts';
export { type EnvEntry, type EnvStatus, mergeEnvFile } from './env-file.ts';
export { DEMO_USER_SCOPES, SETUP_SCOPES, SetupError } from './errors.ts';
export { type Action, planSetup, type Step } from './plan.ts';
export { planWithoutTenant, runAuth0Setup, type SetupDeps } from './run.ts';
