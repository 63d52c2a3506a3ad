import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeItemDpop } from './item-dpop-suite.ts';
import { describeItemLimits } from './item-limits-suite.ts';
import { describeItemMetrics } from './item-metrics-suite.ts';
import { describeItemOpenApi } from './item-openapi-suite.ts';
import { describeItemRoutes } from './item-routes-suite.ts';
import { describeItemRules } from './item-rules-suite.ts';
import { type DataTarget, type ItemServiceSpec, type SuiteStore, useItemService } from './item-service.ts';
import { describeProtectedService } from './protected-service-suite.ts';

/** What a service's own test file adds to the shared suites. */
export interface ItemServiceChecks {
  /** Its own bad bodies and the 400 message each gets. */
  readonly invalid: readonly (readonly [what: string, body: unknown, description: string])[];
  /** Where DATA_DIR points by default (beside the service's code), and PORT's default. */
  readonly defaultDataDir: string;
  readonly defaultPort: number;
  /** The store's class for a bad DATABASE_URL (StoreConfigError). */
  readonly storeConfigError: abstract new (
    ...args: never[]
  ) => Error;
}

/**
 * Everything two item services have in common, on SQLite in a scratch folder: the routes, the rules of
 * requests, the protected-service suite and the settings. Returns where the data is, for the file's own tests.
 */
export function describeItemService<
  Config extends {
    port: number;
    host: string;
    data: DataTarget;
    trustProxy: unknown;
    metrics: boolean;
    auth: { dpop?: string };
  },
  Store extends SuiteStore,
>(spec: ItemServiceSpec<Config, Store>, checks: ItemServiceChecks): () => DataTarget {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `organizer-${spec.service}-`));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  const target = (): DataTarget => ({ dataDir, databaseUrl: undefined });

  describeItemRoutes(spec, 'SQLite', target);
  describeItemLimits(spec, 'SQLite', target);
  describeItemDpop(spec, 'SQLite', target);
  describeItemMetrics(spec, target);
  describeItemOpenApi(spec, target);
  describe('rules, on SQLite', () => describeItemRules(spec, target, checks.invalid));

  describe('the shared suite', () => {
    const shared = useItemService(spec, target);
    describeProtectedService({
      service: spec.service,
      route: `/api/${spec.service}`,
      scope: spec.read,
      otherScope: spec.otherPermissions[0],
      unservedMethod: { method: 'put', allow: 'GET, HEAD, POST' },
      loadConfig: spec.loadConfig,
      // The suite builds its own app per config; every one of them uses this test's store.
      createApp: (config, options = {}) => spec.createApp(config, { ...options, store: shared().store }),
      // The readiness test closes its store, so it gets a file of its own.
      createAppWithOwnStore: async (config, options) => {
        const store = await spec.openStore({ dataDir: join(dataDir, 'readiness'), databaseUrl: undefined });
        return { app: spec.createApp(config, { ...options, store }), close: () => store.close() };
      },
    });
  });

  describe('loadConfig', () => {
    const { loadConfig } = spec;
    it(`defaults PORT to ${checks.defaultPort} and honours PORT`, () => {
      expect(loadConfig({}).port).toBe(checks.defaultPort);
      expect(loadConfig({ PORT: '4321' }).port).toBe(4321);
      expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    });

    it('listens on loopback unless HOST names another interface', () => {
      expect(loadConfig({}).host).toBe('127.0.0.1');
      expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
      expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    });

    it(`keeps the data in apps/${spec.service}/.data unless DATA_DIR says where (a relative path from the working directory)`, () => {
      expect(checks.defaultDataDir).toBe(resolve(spec.appDir, '.data'));
      expect(loadConfig({}).data).toEqual({ dataDir: checks.defaultDataDir, databaseUrl: undefined });
      expect(loadConfig({ DATA_DIR: ' ' }).data.dataDir).toBe(checks.defaultDataDir);
      expect(loadConfig({ DATA_DIR: '/srv/organizer' }).data.dataDir).toBe('/srv/organizer');
      expect(loadConfig({ DATA_DIR: 'state' }).data.dataDir).toBe(resolve(process.cwd(), 'state'));
    });

    it('reads DPOP_MODE (default allowed), TRUST_PROXY (default false; never true) and METRICS (on or off)', () => {
      expect(loadConfig({}).auth.dpop).toBe('allowed');
      expect(loadConfig({ DPOP_MODE: 'required' }).auth.dpop).toBe('required');
      expect(() => loadConfig({ DPOP_MODE: 'yes' })).toThrow(/^DPOP_MODE must be off, allowed or required/);
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
      expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
      expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/^TRUST_PROXY must name the proxies/);
      expect(() => loadConfig({ TRUST_PROXY: 'nginx.internal' })).toThrow(/^TRUST_PROXY must be false, a number/);
      expect([loadConfig({}).metrics, loadConfig({ METRICS: 'on' }).metrics]).toEqual([true, true]);
      expect(loadConfig({ METRICS: 'off' }).metrics).toBe(false);
      expect(() => loadConfig({ METRICS: 'false' })).toThrow(/^METRICS must be on or off/);
    });

    it('takes a postgres:// DATABASE_URL and refuses anything else, naming the variable but not the value', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://u:pw@db.internal:5432/organizer' }).data.databaseUrl).toBe(
        'postgres://u:pw@db.internal:5432/organizer',
      );
      expect(loadConfig({ DATABASE_URL: '' }).data.databaseUrl).toBeUndefined();
      for (const bad of ['mysql://u:secret-pw@db/organizer', 'not a url secret-pw']) {
        const error = (() => {
          try {
            loadConfig({ DATABASE_URL: bad });
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(checks.storeConfigError);
        expect((error as Error).message).toMatch(/^DATABASE_URL /);
        expect((error as Error).message).not.toContain('secret-pw');
      }
    });
  });
  return target;
}
