import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly rounds: number;
  /** Requests per scenario, service and round. */
  readonly requests: number;
  /** Requests per scenario and service before the first round (JIT warm-up). */
  readonly warmUpRequests: number;
  readonly connections: number;
  /** Start every service under `node --cpu-prof`, writing into bench-results/profiles/. */
  readonly cpuProf: boolean;
}

export const USAGE = `usage: pnpm bench [--quick] [--rounds N] [--requests N] [--cpu-prof]
  --quick      1 round of 300 requests: checks that everything runs (a few seconds), measures little
  --rounds     interleaved rounds (default 5)
  --requests   requests per scenario, service and round (default 4000)
  --cpu-prof   run every service under node --cpu-prof; the profiles' folder is printed at the end
               (open them in Chrome DevTools or VS Code)`;

/** Parses the command line (undefined for --help); throws with the usage on anything unknown. */
export function parseOptions(rawArgv: readonly string[]): BenchOptions | undefined {
  // `pnpm bench -- --quick` hands the script a literal "--" first.
  const args = rawArgv[0] === '--' ? rawArgv.slice(1) : [...rawArgv];
  const values = parse(args);
  if (values.help) return undefined;
  const quick = values.quick === true;
  const requests = count('--requests', values.requests, quick ? 300 : 4000);
  return {
    rounds: count('--rounds', values.rounds, quick ? 1 : 5),
    requests,
    warmUpRequests: Math.min(requests, quick ? 100 : 2000),
    connections: 16,
    cpuProf: values['cpu-prof'] === true,
  };
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: {
        quick: { type: 'boolean', default: false },
        rounds: { type: 'string' },
        requests: { type: 'string' },
        'cpu-prof': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${flag} must be a positive whole number, not "${value}"\n${USAGE}`);
  return n;
}
