import { parseArgs } from 'node:util';
import type { ScenarioName } from './report-types.ts';
import { ROUND_SCENARIOS } from './scenarios.ts';

export interface BenchOptions {
  quick: boolean;
  /** Where to write the JSON report, or undefined for none. */
  jsonPath: string | undefined;
  service: boolean;
  devStartup: boolean;
  bundle: boolean;
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  scenarios: ScenarioName[];
  /** Run the service with --cpu-prof and summarize where its time went. */
  cpuProf: boolean;
  /** Profile each measured run separately and print each scenario's cost over /health's, by area and function. */
  profileScenarios: boolean;
  /** The service folder (its src/index.ts is started), relative to the repo root or absolute. */
  app: string;
  /** Extra flags for the service's node process, e.g. --max-semi-space-size=4 (experiments). */
  nodeFlags: string[];
}

export const USAGE = `usage: pnpm bench [--quick] [--json [file]] [--service] [--dev-startup] [--bundle]
                  [--rounds N] [--seconds S] [--connections C] [--scenarios reused,distinct,...] [--cpu-prof] [--profile-scenarios]
                  [--app apps/contacts] [--node-flag=--some-v8-flag ...]
  With none of --service/--dev-startup/--bundle, a full run does all three and --quick only the service.
  --json without a file writes bench-results/bench-<date>.json.
  --app starts another service folder's src/index.ts (it must serve GET /api/contacts like contacts).
  --profile-scenarios profiles every measured run on its own (same process, interleaved) and prints what
  each scenario costs over /health, per request, by area and by function.
  --node-flag passes a flag to the service's node process (repeatable), to try a setting's effect.
  --cpu-prof profiles the service (V8 CPU profile in bench-results/profiles) and prints where its time
  went from the warm-up on, per request; with --scenarios it runs only those (no /health, no ratios).`;

/** Parses the command line; throws with a readable message on anything unknown. */
export function parseOptions(rawArgv: string[], now: Date = new Date()): BenchOptions {
  // `pnpm bench -- --quick` hands the script a literal "--" first; it separates nothing here.
  const argv = rawArgv[0] === '--' ? rawArgv.slice(1) : rawArgv;
  // `--json` takes an optional file, which parseArgs cannot express: give it the default explicitly.
  const args = argv.flatMap((arg, i) =>
    arg === '--json' && (argv[i + 1] === undefined || argv[i + 1]?.startsWith('--')) ? [arg, defaultJsonPath(now)] : [arg],
  );
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      service: { type: 'boolean', default: false },
      'dev-startup': { type: 'boolean', default: false },
      bundle: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      scenarios: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'profile-scenarios': { type: 'boolean', default: false },
      app: { type: 'string', default: 'apps/contacts' },
      'node-flag': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  const quick = values.quick ?? false;
  const anyPart = values.service || values['dev-startup'] || values.bundle;
  const cpuProf = values['cpu-prof'] ?? false;
  const scenarios = values.scenarios ? parseScenarios(values.scenarios, !cpuProf) : [...ROUND_SCENARIOS];
  return {
    quick,
    jsonPath: values.json,
    service: anyPart ? Boolean(values.service) : true,
    devStartup: anyPart ? Boolean(values['dev-startup']) : !quick,
    bundle: anyPart ? Boolean(values.bundle) : !quick,
    rounds: positive('--rounds', values.rounds, quick ? 2 : 8),
    seconds: positive('--seconds', values.seconds, quick ? 1 : 3),
    warmupSeconds: quick ? 1 : 3,
    connections: positive('--connections', values.connections, 16),
    scenarios,
    cpuProf,
    profileScenarios: values['profile-scenarios'] ?? false,
    app: values.app ?? 'apps/contacts',
    nodeFlags: values['node-flag'] ?? [],
  };
}

function defaultJsonPath(now: Date): string {
  return `bench-results/bench-${now.toISOString().replace(/[:.]/g, '-')}.json`;
}

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number ("${value}")\n${USAGE}`);
  return n;
}

function parseScenarios(value: string, withHealth: boolean): ScenarioName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(ROUND_SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`--scenarios: unknown "${name}"; choose from ${ROUND_SCENARIOS.join(', ')}\n${USAGE}`);
    }
  }
  // /health is every ratio's denominator, so it runs too, except in a profile of the listed paths alone.
  return [...new Set<ScenarioName>([...(withHealth ? ['health' as const] : []), ...(names as ScenarioName[])])];
}
