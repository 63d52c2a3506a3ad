import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CACHE } from '@organizer/auth';
import { createProofKey, freePort, type ProofKey, signProof, TestTenant } from '@organizer/testing';
import { readStartCommand } from '../start-command.ts';
import { bearer, type Credentials, load } from './load.ts';
import type { BenchOptions } from './options.ts';
import { type Service, startService } from './service.ts';

/** `unmetered`: the project's service again, with METRICS=off, for what the metrics cost per request. */
export type AppName = 'library' | 'project' | 'unmetered';
export type ScenarioName = 'health' | 'open' | 'front' | 'cached' | 'distinct' | 'dpop' | 'write';
/** The two of the main table; `unmetered` runs beside `project` in UNMETERED_SCENARIOS only. */
export const APPS: readonly AppName[] = ['library', 'project'];
const ALL_APPS: readonly AppName[] = ['library', 'project', 'unmetered'];
const UNMETERED_SCENARIOS: readonly ScenarioName[] = ['health', 'cached'];
export const SCENARIOS: readonly ScenarioName[] = ['health', 'open', 'front', 'cached', 'distinct', 'dpop', 'write'];
/**
 * The library alone also serves the read without any protection: bare (what the route itself costs) and
 * behind the service's front (what the service's route would cost unprotected).
 */
const LIBRARY_ONLY: readonly ScenarioName[] = ['open', 'front'];
const READER = 'auth0|bench';

/** One measured run: one scenario against one service in one round. */
export interface Sample {
  readonly round: number;
  readonly app: AppName;
  readonly scenario: ScenarioName;
  readonly requests: number;
  readonly seconds: number;
  /** The service process's CPU µs per request (see load.ts). */
  readonly usPerRequest: number;
}

export interface AppFigures {
  readonly peakRssBytes: number | undefined;
  readonly jwksFetches: number;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: string;
  readonly pinning: string;
  readonly command: string;
  readonly options: BenchOptions;
  readonly samples: readonly Sample[];
  readonly apps: Record<AppName, AppFigures>;
  /** Wrong statuses and failed requests; a benchmark of a broken service measures nothing. */
  readonly failures: readonly string[];
  readonly profileDir: string | undefined;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BASELINE_ENTRY = fileURLToPath(new URL('../bench-baseline.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const PROJECT_DIR = 'apps/contacts';
const PATHS: Record<ScenarioName, string> = {
  health: '/health',
  open: '/bench/open-read',
  front: '/bench/front-read',
  cached: '/api/contacts',
  distinct: '/api/contacts',
  dpop: '/api/contacts',
  write: '/api/contacts',
};
/** What the write scenario creates, again and again: a contact as the SPA's form sends it. */
const NEW_CONTACT = JSON.stringify({ name: 'Bench Contact', email: 'bench@example.com', phone: '+1 555 0100' });

/** Starts the test tenant, the library alone and the project's service (with and without metrics), then measures them in interleaved rounds. */
export async function runBench(options: BenchOptions, log: (message: string) => void): Promise<BenchResult> {
  const date = new Date().toISOString();
  const tenant = await TestTenant.start();
  const services: Partial<Record<AppName, Service>> = {};
  let benchDataDir = '';
  try {
    // A ring of tokens sent in turn, up to four times the services' default cache: a token comes round again
    // only long after the cache has dropped or forgotten it, so every request is a cache miss.
    const ringSize = Math.min(4 * DEFAULT_CACHE.maxEntries, options.warmUpRequests + options.rounds * options.requests);
    log(`minting ${ringSize + 1} tokens`);
    const [reused = '', ...ring] = await mintTokens(tenant, ringSize + 1);
    // Writes come from another user, so the reader's list (what a read returns) keeps its size.
    const writer = await tenant.mint({ sub: 'auth0|bench-writer', scope: 'read:contacts write:contacts' });
    // DPoP: one token bound to one key, and a new proof for every request (a proof is accepted once).
    const proofKey = await createProofKey();
    const bound = await tenant.mint({ sub: READER, scope: 'read:contacts', cnf: { jkt: proofKey.jkt } });
    const position: Record<AppName, number> = { library: 0, project: 0, unmetered: 0 };
    const nextToken = (app: AppName) => () => ring[position[app]++ % ring.length] ?? '';

    const cores = availableParallelism();
    const pinned = cores >= 2 && hasTaskset();
    // This process is the load generator: on its own core, away from the services'.
    if (pinned) execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
    const prefix = pinned ? ['taskset', '-c', '0'] : [];
    const start = readStartCommand(REPO_ROOT, PROJECT_DIR);
    const profileDir = options.cpuProf
      ? join(REPO_ROOT, 'bench-results/profiles', date.replace(/[:.]/g, '-'))
      : undefined;
    const flags = (app: AppName): string[] => {
      if (profileDir === undefined) return start.nodeFlags;
      mkdirSync(join(profileDir, app), { recursive: true });
      return [...start.nodeFlags, '--cpu-prof', '--cpu-prof-dir', join(profileDir, app)];
    };

    // The library alone runs the way the project's start script runs its entry (Node's type stripping, or
    // tsx resolved from here, since the library's app lives in this folder), so neither pays for a loader
    // the other does not.
    const runner = start.runner.length === 0 ? [] : ['--import', TSX];
    const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const about = {
      date,
      machine: `${model}, ${cores} cores, Node ${process.version}`,
      pinning: pinned
        ? 'each service pinned to core 0, the load generator (autocannon) to core 1'
        : `not pinned (${cores < 2 ? 'one core' : 'no taskset'})`,
      command: `${prefix.join(' ')} node ${[...start.nodeFlags, ...start.runner, ''].join(' ')}<entry>`.trim(),
      options,
      profileDir,
    };

    const jwks: Record<AppName, number> = { library: 0, project: 0, unmetered: 0 };
    const counted = async <T>(app: AppName, work: () => Promise<T>): Promise<T> => {
      const before = tenant.jwksFetches;
      try {
        return await work();
      } finally {
        jwks[app] += tenant.jwksFetches - before;
      }
    };
    const failures: string[] = [];
    benchDataDir = mkdtempSync(join(tmpdir(), 'organizer-bench-data-'));
    for (const app of ALL_APPS) {
      const port = await freePort();
      const what = {
        library: 'library alone',
        project: `project's service (${PROJECT_DIR})`,
        unmetered: `project's service with METRICS=off`,
      };
      log(`starting the ${what[app]} on port ${port}`);
      await counted(app, async () => {
        const service = await startService({
          name: app,
          cwd: app === 'library' ? REPO_ROOT : join(REPO_ROOT, PROJECT_DIR),
          nodeArgs: [...flags(app), ...runner, app === 'library' ? BASELINE_ENTRY : start.entry],
          // All three are configured alike, each with its data in a throwaway folder of its own (never the
          // developer's DATA_DIR or DATABASE_URL, nor a METRICS=off of theirs); BENCH_READER opens the baseline's
          // unprotected routes.
          env: {
            ...process.env,
            PORT: String(port),
            ISSUER_BASE_URL: tenant.issuer,
            AUDIENCE: tenant.audience,
            DATA_DIR: join(benchDataDir, app),
            DATABASE_URL: '',
            // The write scenario adds tens of thousands of contacts as one user: far past the default cap.
            MAX_ITEMS_PER_USER: '1000000',
            ...(app === 'library' ? { BENCH_READER: READER } : {}),
            METRICS: app === 'unmetered' ? 'off' : 'on',
          },
          port,
          prefix,
        });
        services[app] = service;
        failures.push(...(await checkStatuses(service, reused, writer)));
      });
    }
    if (failures.length > 0) return { ...about, samples: [], apps: figures(services, jwks), failures };

    const samples: Sample[] = [];
    const measure = async (round: number, app: AppName, scenario: ScenarioName, amount: number): Promise<void> => {
      const service = services[app];
      if (service === undefined || (app !== 'library' && LIBRARY_ONLY.includes(scenario))) return;
      if (app === 'unmetered' && !UNMETERED_SCENARIOS.includes(scenario)) return;
      const url = service.url + PATHS[scenario];
      // Proofs are signed before the run (not by the load generator while it runs) and just before it, so
      // that none is older than the 300 s a service accepts.
      const proofs =
        scenario === 'dpop' ? await signProofs(proofKey, url, bound, amount + 2 * options.connections) : [];
      const credentials: Credentials | undefined = {
        health: undefined,
        open: undefined,
        front: undefined,
        cached: bearer(reused),
        distinct: bearer(nextToken(app)),
        dpop: () => ({ authorization: `DPoP ${bound}`, dpop: proofs.pop() ?? '' }),
        write: bearer(writer),
      }[scenario];
      const json = scenario === 'write' ? NEW_CONTACT : undefined;
      const run = await counted(app, () =>
        load(url, credentials, amount, options.connections, service.cpuSeconds, json),
      );
      if (run.failed > 0)
        failures.push(`${app}, ${scenario}: ${run.failed} of ${run.requests} requests failed or were not 2xx`);
      if (round > 0)
        samples.push({
          round,
          app,
          scenario,
          requests: run.requests,
          seconds: run.seconds,
          usPerRequest: run.usPerRequest,
        });
    };

    log(`warm-up: ${options.warmUpRequests} requests per scenario and service`);
    for (const app of ALL_APPS)
      for (const scenario of SCENARIOS) await measure(0, app, scenario, options.warmUpRequests);
    for (let round = 1; round <= options.rounds; round++) {
      // Each round starts at another scenario and reverses the services' order every other round, so that none
      // always runs right after the same thing; the services run back to back for each scenario.
      for (let i = 0; i < SCENARIOS.length; i++) {
        const scenario = SCENARIOS[(i + round) % SCENARIOS.length] as ScenarioName;
        for (const app of round % 2 === 0 ? ALL_APPS : [...ALL_APPS].reverse())
          await measure(round, app, scenario, options.requests);
      }
      log(`round ${round}/${options.rounds} done`);
    }
    return { ...about, samples, apps: figures(services, jwks), failures };
  } finally {
    for (const service of Object.values(services)) await service.stop();
    if (benchDataDir !== '') rmSync(benchDataDir, { recursive: true, force: true });
    await tenant.close();
  }
}

function figures(
  services: Partial<Record<AppName, Service>>,
  jwks: Record<AppName, number>,
): Record<AppName, AppFigures> {
  const of = (app: AppName): AppFigures => ({ peakRssBytes: services[app]?.peakRssBytes(), jwksFetches: jwks[app] });
  return { library: of('library'), project: of('project'), unmetered: of('unmetered') };
}

/** A service that lets a request without a token through, or refuses a valid one, is not worth measuring. */
async function checkStatuses(service: Service, token: string, writer: string): Promise<string[]> {
  const json = { 'content-type': 'application/json' };
  const expected: [string, string, RequestInit, number][] = [
    ['GET /health', '/health', {}, 200],
    ['GET /api/contacts without a token', '/api/contacts', {}, 401],
    ['GET /api/contacts with a valid token', '/api/contacts', { headers: { authorization: `Bearer ${token}` } }, 200],
    [
      'POST /api/contacts with a read-only token',
      '/api/contacts',
      { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: NEW_CONTACT },
      403,
    ],
    [
      'POST /api/contacts with a writer token',
      '/api/contacts',
      { method: 'POST', headers: { ...json, authorization: `Bearer ${writer}` }, body: NEW_CONTACT },
      201,
    ],
  ];
  const failures: string[] = [];
  for (const [what, path, init, status] of expected) {
    const res = await fetch(service.url + path, init);
    await res.arrayBuffer();
    if (res.status !== status) failures.push(`${service.name}: ${what} answered ${res.status}, expected ${status}`);
  }
  return failures;
}

/** Distinct access tokens of one user (a `jti` each) carrying read:contacts, signed in parallel batches: one `sub`, so the service's per-user data is seeded once, not on every request. */
async function mintTokens(tenant: TestTenant, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 256) {
    const batch = Array.from({ length: Math.min(256, count - start) }, (_, i) =>
      tenant.mint({ sub: READER, jti: `bench-${start + i}`, scope: 'read:contacts' }),
    );
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

/** `count` DPoP proofs for GET `url` with `token`, a `jti` each. */
async function signProofs(key: ProofKey, url: string, token: string, count: number): Promise<string[]> {
  const proofs: string[] = [];
  for (let start = 0; start < count; start += 256) {
    const batch = Array.from({ length: Math.min(256, count - start) }, () =>
      signProof(key, { htm: 'GET', htu: url, accessToken: token }),
    );
    proofs.push(...(await Promise.all(batch)));
  }
  return proofs;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
