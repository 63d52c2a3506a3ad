export { createItemApp, type ItemAppOptions, type ItemBook, type ItemKind } from './item-app.ts';
export { countItemIn, countItemOut, type OwnersDb, type SeededOwnersTable } from './item-count.ts';
export {
  type Cursor,
  DEFAULT_MAX_ITEMS,
  encodeCursor,
  ItemLimitError,
  PAGE_SIZE,
  type Page,
  type PageRequest,
  pageOf,
  pageRequest,
} from './item-limits.ts';
export { DEFAULT_BODY_LIMIT, type JsonBodyOptions, jsonBody, validInput } from './json-body.ts';
export { apiDocument, type ItemApiDescription, itemApiPart, type OpenApiDocument } from './openapi.ts';
export { type DpopProofsTable, dpopProofsMigration, type ProofsDb, storeReplayGuard } from './proof-memory.ts';
export { runService, type ServiceDefinition } from './run-service.ts';
export {
  type DataConfig,
  loadServiceConfig,
  type ServiceConfig,
  type ServiceDefaults,
  serviceEnv,
} from './service-config.ts';
export { DEFAULT_GRACE_MS, type StopOptions, stopOnSignals } from './stop-on-signals.ts';
