// The whole nginx deployment (deploy/nginx/organizer.conf.template) on one machine, from the build: a bundle
// per part (`pnpm deploy --prod`), PostgreSQL shared by two instances of each service, the built SPA server
// and nginx in front of all of it, each on a free port. Used by deployment.test.ts (with the local tenant)
// and the load-and-fault test (with a test tenant that mints tokens for any user).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { findPostgres, freePort, type PostgresCluster, startPostgres } from '@organizer/testing';
import { pnpmBuildOnce } from './build.ts';
import { findNginx, type Part, run, startNginx, startPart, waitFor } from './deployment.ts';

export const SERVICES = ['contacts', 'calendar'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** One instance of a service: its bundle's process on its own port, which `restart` starts again. */
export interface Instance {
  readonly url: string;
  part: Part;
  restart(): Promise<void>;
}

export interface NginxDeployment {
  /** nginx's origin: SPA_ORIGIN of every part (not the default http://localhost:3000). */
  readonly spaUrl: string;
  /** The local tenant's URL when the deployment started one. */
  readonly tenantUrl: string | undefined;
  /** Where the bundles are (one folder per part). */
  readonly work: string;
  readonly cluster: PostgresCluster;
  readonly instances: Record<ServiceName, Instance[]>;
  readonly timings: Record<string, number>;
  /** The tail of every part's output, for a failure message. */
  logs(): string;
  /** Services first (they drain), then what they depend on; then the folders. */
  stop(): Promise<void>;
}

/** What the deployment needs on this machine; empty when it can run. */
export function missingForDeployment(): string[] {
  const postgres = findPostgres();
  return [
    postgres.bin !== undefined ? undefined : postgres.missing,
    findNginx() ? undefined : 'nginx not found; on Debian: apt-get install nginx',
  ].filter((text): text is string => text !== undefined);
}

// The built parts run with plain node: none of the tests' source condition.
const { NODE_OPTIONS: _sourceCondition, ...plainEnv } = process.env;
// node-gyp cannot download headers here; a bundle whose SQLite driver must be built uses the running Node's.
const nodeDir = resolve(process.execPath, '../..');

/** Builds and starts everything; with `issuer`, the services trust it and no local tenant starts. */
export async function startNginxDeployment(options: { issuer?: string } = {}): Promise<NginxDeployment> {
  const root = findRepoRoot();
  const timings: Record<string, number> = {};
  const parts: Part[] = [];
  const part = (p: Part) => {
    parts.push(p);
    return p;
  };
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'organizer-deploy-'));
  // nginx's own folder, outside `work` (0700, root's): the unprivileged nginx must reach it.
  const nginxPrefix = await mkdtemp(join(tmpdir(), 'organizer-nginx-'));
  // The run's one `pnpm build` (shared with the other files that need it: apps/spa/test/e2e/build.ts).
  const build = await pnpmBuildOnce();
  if (build.code !== 0) throw new Error(`pnpm build exited ${build.code}:\n${build.output.slice(-4000)}`);
  timings.buildSeconds = (performance.now() - started) / 1000;
  const bundles = performance.now();
  for (const name of [...SERVICES, 'spa']) {
    await run('pnpm', ['--filter', `./apps/${name}`, 'deploy', '--prod', join(work, name)], {
      cwd: root,
      env: { ...plainEnv, npm_config_nodedir: nodeDir },
    });
  }
  timings.bundleSeconds = (performance.now() - bundles) / 1000;
  const cluster = await startPostgres(findPostgres().bin!);

  const [nginxPort, tenantPort] = [await freePort(), await freePort()];
  const spaUrl = `http://localhost:${nginxPort}`;
  let tenantUrl: string | undefined;
  if (options.issuer === undefined) {
    tenantUrl = `http://localhost:${tenantPort}`;
    const tenant = part(
      startPart('local tenant', process.execPath, ['dist/src/index.js'], {
        cwd: join(root, 'apps/local-tenant'),
        env: { ...plainEnv, AUTH0_DOMAIN: '', LOCAL_TENANT_URL: tenantUrl, SPA_ORIGIN: spaUrl },
      }),
    );
    await waitFor(`${tenantUrl}/.well-known/openid-configuration`, tenant);
  }
  const issuer = options.issuer ?? `${tenantUrl}/`;

  const startInstance = async (service: ServiceName, n: number, port: number): Promise<Part> => {
    const env = {
      PATH: plainEnv.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ISSUER_BASE_URL: issuer,
      AUDIENCE: 'organize',
      SPA_ORIGIN: spaUrl,
      DATABASE_URL: cluster.url(),
      // nginx on this machine forwards the browser's scheme and host, which DPoP proofs name.
      TRUST_PROXY: 'loopback',
    };
    const instance = part(
      startPart(`${service} ${n}`, process.execPath, ['--max-semi-space-size=4', 'dist/index.js'], {
        cwd: join(work, service),
        env,
      }),
    );
    await waitFor(`http://127.0.0.1:${port}/ready`, instance);
    return instance;
  };
  // Both instances of a service start at once on an empty database: their migrations must not collide.
  const ready = performance.now();
  const instances = { contacts: [], calendar: [] } as Record<ServiceName, Instance[]>;
  await Promise.all(
    SERVICES.flatMap((service) =>
      [1, 2].map(async (n) => {
        const port = await freePort();
        const instance: Instance = {
          url: `http://127.0.0.1:${port}`,
          part: await startInstance(service, n, port),
          async restart() {
            instance.part = await startInstance(service, n, port);
          },
        };
        instances[service][n - 1] = instance;
      }),
    ),
  );
  timings.instancesReadySeconds = (performance.now() - ready) / 1000;

  const spaPort = await freePort();
  const spa = part(
    startPart('spa server', process.execPath, ['dist/node/server/index.js'], {
      cwd: join(work, 'spa'),
      env: {
        PATH: plainEnv.PATH ?? '',
        PORT: String(spaPort),
        HOST: '127.0.0.1',
        SPA_ORIGIN: spaUrl,
        ...(tenantUrl ? { LOCAL_TENANT_URL: tenantUrl } : {}),
        CONTACTS_API_URL: `${spaUrl}/api/contacts`,
        CALENDAR_API_URL: `${spaUrl}/api/calendar`,
      },
    }),
  );
  await waitFor(`http://127.0.0.1:${spaPort}/config.json`, spa);
  const address = (service: ServiceName, n: number) => instances[service][n]!.url.replace('http://', '');
  const proxy = part(
    await startNginx(findNginx()!, join(root, 'deploy/nginx/organizer.conf.template'), nginxPrefix, {
      NGINX_LISTEN: `localhost:${nginxPort}`,
      SPA_SERVER: `127.0.0.1:${spaPort}`,
      CONTACTS_1: address('contacts', 0),
      CONTACTS_2: address('contacts', 1),
      CALENDAR_1: address('calendar', 0),
      CALENDAR_2: address('calendar', 1),
    }),
  );
  await waitFor(`${spaUrl}/config.json`, proxy);
  timings.setupSeconds = (performance.now() - started) / 1000;

  return {
    spaUrl,
    tenantUrl,
    work,
    cluster,
    instances,
    timings,
    logs: () => parts.map((p) => `--- ${p.name}\n${p.log().slice(-1500)}`).join('\n'),
    async stop() {
      for (const p of [...parts].reverse()) await p.stop();
      await cluster.stop();
      for (const dir of [work, nginxPrefix]) await rm(dir, { recursive: true, force: true });
    },
  };
}
