export { type DataConfig, parseDataSettings } from './data-settings.ts';
export { openStore, type Store, type StoreOptions } from './open-store.ts';
export { checkDatabaseUrl } from './postgres-dialect.ts';
export type { Migrations } from './run-migrations.ts';
export {
  isUnavailable,
  StoreConfigError,
  StoreError,
  StoreMigrationError,
  StoreUnavailableError,
} from './store-errors.ts';
