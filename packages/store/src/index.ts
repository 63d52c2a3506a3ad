export { openStore, type Store, type StoreOptions } from './open-store.ts';
export type { Migrations } from './run-migrations.ts';
export { checkDatabaseUrl } from './postgres-dialect.ts';
export { type DataConfig, parseDataSettings } from './data-settings.ts';
export { StoreError, StoreConfigError, StoreUnavailableError, StoreMigrationError, isUnavailable } from './store-errors.ts';
