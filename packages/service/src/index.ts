export { createItemApp, type ItemAppOptions, type ItemBook, type ItemKind } from './item-app.ts';
export { runService, type ServiceDefinition } from './run-service.ts';
export {
  type DataConfig,
  loadServiceConfig,
  type ServiceConfig,
  type ServiceDefaults,
  serviceEnv,
} from './service-config.ts';
