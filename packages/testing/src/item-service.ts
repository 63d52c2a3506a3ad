import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { TestTenant } from './test-tenant.ts';

type Env = Record<string, string | undefined>;

/** Where a service under test keeps its data: an SQLite folder, or a PostgreSQL URL. */
export interface DataTarget {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

/** What the suites need of a service's store. */
export interface SuiteStore {
  // Kysely<any>: the suites query each service's own tables by the names its spec gives.
  // biome-ignore lint/suspicious/noExplicitAny: see the line above
  readonly db: Kysely<any>;
  close(): Promise<void>;
}

/**
 * One service of items each user owns (contacts, calendar), as the shared suites see it: its names, its
 * permissions, sample input and its own createApp, loadConfig and store. Each service's tests give one.
 */
export interface ItemServiceSpec<Config, Store extends SuiteStore> {
  /** `contacts`: its name in logs and /health; its route is /api/<service>. */
  readonly service: string;
  /** The list's key in a GET's answer (`contacts`, `appointments`) and its table. */
  readonly items: string;
  /** One item in messages (`contact`). */
  readonly item: string;
  /** Its migrations' names, in the order they apply (`001_contacts`, …). */
  readonly migrations: readonly string[];
  /** The service's folder (src/index.ts is what a start runs). */
  readonly appDir: string;
  readonly read: string;
  readonly write: string;
  /** The other service's permissions, which must not open this one's routes. */
  readonly otherPermissions: readonly [string, string];
  /** How many items a new user's first read seeds. */
  readonly demoCount: number;
  /** The ids of the organisation's items a machine-to-machine client reads. */
  readonly sharedIds: readonly string[];
  /** The service's own checks of a new user's demo items (names, order, fields), beside the suite's. */
  checkSeeded(items: readonly (Record<string, unknown> & { id: string })[]): void;
  /** A valid new item, different for each `n`, and the item as the service answers it (without its id). */
  sample(n: number): { readonly body: Record<string, unknown>; readonly answer: Record<string, unknown> };
  loadConfig(env: Env): Config;
  openStore(data: DataTarget): Promise<Store>;
  /** Its SQLite file in `dataDir` with no migration applied (for a test that makes one fail). */
  openEmptyStore(dataDir: string): Promise<SuiteStore>;
  createApp(config: Config, options: { store: Store; log?: (line: string) => void }): Express;
}

/** An item service in this process on a free loopback port, with a test tenant. */
export interface RunningItemService<Store> {
  readonly tenant: TestTenant;
  readonly store: Store;
  readonly server: Server;
  readonly ownTenant: boolean;
  /** Distinct per call, so each test's users start with no data. */
  user(name: string): string;
  /** A user's Authorization header; default scope: both of the service's permissions. */
  bearer(sub: string, scope?: string): Promise<string>;
}

/**
 * A test tenant (or the one given, which then stays open), the store at `data` and the app listening,
 * configured by `env` besides the tenant's settings (such as MAX_ITEMS_PER_USER).
 */
export async function startItemService<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  data: DataTarget,
  shared?: TestTenant,
  env: Env = {},
): Promise<RunningItemService<Store>> {
  const tenant = shared ?? (await TestTenant.start());
  const store = await spec.openStore(data);
  const config = spec.loadConfig({
    ...env,
    ISSUER_BASE_URL: tenant.issuer,
    AUDIENCE: 'organize',
    SPA_ORIGIN: 'http://spa.test:3000',
  });
  const server = spec.createApp(config, { store, log: () => {} }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  let users = 0;
  const all = `openid profile ${spec.read} ${spec.write}`;
  return {
    tenant,
    ownTenant: shared === undefined,
    store,
    server,
    user: (name) => `auth0|${name}-${process.pid}-${++users}`,
    bearer: async (sub, scope = all) => `Bearer ${await tenant.mint({ sub, scope })}`,
  };
}

export async function stopItemService(running: RunningItemService<SuiteStore> | undefined): Promise<void> {
  if (running === undefined) return;
  await new Promise((resolve) => running.server.close(resolve));
  await running.store.close();
  if (running.ownTenant) await running.tenant.close();
}

/** The service started before the tests of the enclosing `describe` and stopped after them. */
export function useItemService<Config, Store extends SuiteStore>(
  spec: ItemServiceSpec<Config, Store>,
  target: () => DataTarget,
  env: Env = {},
): () => RunningItemService<Store> {
  let running: RunningItemService<Store> | undefined;
  beforeAll(async () => {
    running = await startItemService(spec, target(), undefined, env);
  });
  afterAll(() => stopItemService(running));
  return () => {
    if (running === undefined) throw new Error(`the ${spec.service} service has not started`);
    return running;
  };
}
