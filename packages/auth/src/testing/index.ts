export { TestTenant, createSigningKey, unreachableIssuer, type MintOptions, type SigningKey, type TenantMode } from './test-tenant.ts';
export { LogCollector } from './log-collector.ts';
export { startService, failedStart, type RunningService, type FailedStart } from './service-process.ts';
export { describeStartCommand, type StartCommandSuite } from './start-command-suite.ts';
export { describeProtectedService, type ProtectedServiceSuite } from './protected-service-suite.ts';
export { SETTING_CASES, type SettingCase, type SharedSetting } from './setting-cases.ts';
export { describeServiceLifecycle, type LifecycleSuite } from './lifecycle-suite.ts';
export { expectStoreNotReady, NOT_READY, urlOf, waitForReady } from './readiness-probe.ts';
