/**
 * `pnpm bench`: measures a service's protected route against its open /health side by side, plus
 * `pnpm dev` start-up and the SPA bundle (issue 6). See --help and the README's performance section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { parseOptions } from './bench/options.ts';
import { formatReport } from './bench/print-report.ts';
import { runBench } from './bench/run-bench.ts';

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

try {
  const options = parseOptions(process.argv.slice(2));
  const repoRoot = findRepoRoot();
  const report = await runBench(options, repoRoot, log);
  process.stdout.write(`${formatReport(report)}\n`);
  if (options.jsonPath) {
    const file = resolve(repoRoot, options.jsonPath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`report written to ${file}`);
  }
  // Missed goals are reported, not failures; wrong statuses or errors are.
  process.exitCode = report.failures.length ? 1 : 0;
} catch (err) {
  process.stderr.write(`pnpm bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
