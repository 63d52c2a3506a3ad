export { copyRecipeBlocks, type RecipeBlock, shellEnv } from './copy-recipe.ts';
export { createProofKey, type ProofClaims, type ProofKey, signProof } from './dpop-proof.ts';
export { type BrowserLookup, DEFAULT_CHROMIUMS, findChromium } from './find-chromium.ts';
export { findPostgres, type PostgresAvailability } from './find-postgres.ts';
export { freePort } from './free-port.ts';
export { describeItemDpop } from './item-dpop-suite.ts';
export { describeItemLimits } from './item-limits-suite.ts';
export { describeItemServiceOnPostgres } from './item-postgres-suite.ts';
export { describeItemRoutes } from './item-routes-suite.ts';
export { describeItemRules } from './item-rules-suite.ts';
export {
  type DataTarget,
  type ItemServiceSpec,
  type RunningItemService,
  type SuiteStore,
  startItemService,
  stopItemService,
  useItemService,
} from './item-service.ts';
export { describeItemService, type ItemServiceChecks } from './item-service-suite.ts';
export { describeServiceLifecycle, type LifecycleSuite } from './lifecycle-suite.ts';
export { LogCollector } from './log-collector.ts';
export { type Answer, expectAnswerDocumented, expectValidOpenApi } from './openapi-check.ts';
export { type PostgresCluster, startPostgres, usePostgres } from './postgres-cluster.ts';
export { describeProtectedService, type ProtectedServiceSuite } from './protected-service-suite.ts';
export { expectStoreNotReady, NOT_READY, urlOf, waitForReady } from './readiness-probe.ts';
export { type FailedStart, failedStart, type RunningService, startService } from './service-process.ts';
export { SETTING_CASES, type SettingCase, type SharedSetting } from './setting-cases.ts';
export { describeStartCommand, type StartCommandSuite } from './start-command-suite.ts';
export { describeStoreAtStart } from './store-start-suite.ts';
export {
  createSigningKey,
  type MintOptions,
  type SigningKey,
  type TenantMode,
  TestTenant,
  unreachableIssuer,
} from './test-tenant.ts';
export { waitForHealth } from './wait-for-health.ts';
