/**
 * `pnpm bench`: what protecting a route costs, side by side with express-oauth2-jwt-bearer alone on plain
 * Express. Both run against a test tenant on 127.0.0.1, in interleaved rounds; see `pnpm bench --help`.
 */
import { parseOptions, USAGE } from './bench/options.ts';
import { formatReport } from './bench/report.ts';
import { runBench } from './bench/run-bench.ts';

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

try {
  const options = parseOptions(process.argv.slice(2));
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    const result = await runBench(options, log);
    process.stdout.write(`${formatReport(result)}\n`);
    for (const failure of result.failures) process.stderr.write(`pnpm bench: ${failure}\n`);
    // A missed goal is a finding, not a failure; a wrong status or a failed request is.
    process.exitCode = result.failures.length > 0 ? 1 : 0;
  }
} catch (err) {
  process.stderr.write(`pnpm bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
