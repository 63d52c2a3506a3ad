import type { TreeProcess } from './process-tree.ts';
import type { BenchReport } from './report-types.ts';
import type { Spread } from './stats.ts';

const MiB = 1024 * 1024;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** Issue 6's measured anchors (same kind of machine; ratio to /health: one token reused / a new token each time). */
const ANCHORS = [
  "issue 6's anchors: express-oauth2-jwt-bearer defaults 0.45 / 0.45; + verified-token cache 0.87 / 0.45; jose jwtVerify 0.49 / 0.49;",
  '  express-jwt + jwks-rsa 0.34 / 0.34; a remote key set per request 0.18 / 0.19; an unprotected route 0.93–0.98.',
];

const num = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const mib = (bytes: number | null): string => (bytes === null || !Number.isFinite(bytes) ? 'n/a' : `${num(bytes / MiB, 1)} MiB`);

/** The human-readable report: the scenario table, fetch counts, memory, start-up, bundle and goals. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(
    `Organizer benchmark (${report.mode}) — ${report.startedAt}`,
    `machine: ${m.cores} cores, ${m.cpuModel}, node ${m.node}, ${m.platform}; load average ${m.loadAverage.join(' ')}`,
    `pinning: ${m.pinned ? 'yes' : 'no'} (${m.pinning})`,
    `service: ${report.service.app} (${report.service.command}); verified-token cache in packages/auth: ${report.service.cacheDetected ? 'yes' : 'no'}`,
    `settings: ${report.settings.rounds} interleaved rounds × ${report.settings.seconds} s, ${report.settings.connections} connections, warm-up ${report.settings.warmupSeconds} s, ${report.settings.distinctPerRound} fresh tokens per round`,
    '',
  );
  if (report.scenarios.length) out.push(serviceSection(report));
  else out.push('service: not measured (not selected)');
  const dev = report.devStartup;
  out.push(
    'skipped' in dev
      ? `pnpm dev start-up: skipped (${dev.skipped})`
      : `pnpm dev start-up to every part answering: ${dev.runs.map((r) => (r.ready ? `${num(r.ms / 1000, 2)} s` : 'not ready')).join(', ')}` +
          `; to its ready message: ${dev.runs.map((r) => (r.messageMs === undefined ? 'none' : `${num(r.messageMs / 1000, 2)} s`)).join(', ')}` +
          (dev.runs[0]?.parts ? `\n  (${dev.runs[0].parts})` : '') +
          cpuUntilReady(dev.runs[0]?.processes) +
          (dev.note ? ` (${dev.note})` : ''),
  );
  const b = report.bundle;
  out.push(
    'skipped' in b
      ? `SPA bundle: skipped (${b.skipped})`
      : `SPA production JavaScript: ${num(b.jsGzipBytes / 1000, 1)} kB gzipped, ${num(b.jsBytes / 1000, 1)} kB raw, in ${b.files.length} file(s)`,
    '',
  );
  out.push(table([['goal', 'target', 'measured', ''], ...report.goals.map((g) => [g.goal, g.target, g.measured, g.status])]));
  if (report.failures.length) out.push('', 'FAILURES:', ...report.failures.map((x) => `  - ${x}`));
  return out.join('\n');
}

function serviceSection(report: BenchReport): string {
  const out: string[] = [];
  const rows = [['scenario', 'req/s', 'ratio to /health: median (min–max)', 'clean rounds', 'per CPU-second ratio', 'CPU share: service (wait), generator', 'p50 ms', 'p99 ms', 'statuses', 'unexpected']];
  const range = (r: Spread): string => `${num(r.median, 2)} (${num(r.min, 2)}–${num(r.max, 2)})`;
  for (const s of report.scenarios) {
    const vsHealth = s.name === 'unknown-kid' ? ' vs median /health' : '';
    rows.push([
      s.label,
      num(s.reqPerSec.median),
      s.name === 'health' ? '1' : range(s.ratio) + vsHealth,
      s.name === 'health' || s.name === 'unknown-kid' ? '' : s.clean.rounds ? `${s.clean.rounds}: ${range(s.clean.ratio)}` : '0',
      s.name === 'health' ? '1' : range(s.cpuRatio),
      `${num(s.cpuShare * 100)}% (wait ${num(s.queueWaitShare * 100)}%), gen ${num(s.generatorCpuShare * 100)}%`,
      num(s.p50Ms, 1),
      num(s.p99Ms, 1),
      Object.entries(s.statusCounts).map(([code, n]) => `${code}×${n}`).join(' '),
      String(s.unexpected) + (s.tokensReused ? ' (pool ran out)' : ''),
    ]);
  }
  out.push(
    table(rows),
    ...ANCHORS,
    'ratio: req/s over /health\'s in the same round. per CPU-second: requests per second of service CPU time, over',
    '/health\'s — steadier when other processes share the core. CPU share: service CPU time / wall time (wait: time',
    'it was runnable but another process had its core); gen: the load generator\'s, on its own core. Clean rounds:',
    'those where both runs had ≥ 90% of the core.',
    '',
  );

  const f = report.fetches;
  out.push(
    `issuer fetches: after warm-up discovery ${f.afterWarmup.discovery} / JWKS ${f.afterWarmup.jwks}; ` +
      `after all rounds ${f.afterRounds.discovery} / ${f.afterRounds.jwks}; ` +
      `after ${num(f.unknownKidSeconds, 1)} s of unknown kids ${f.afterUnknownKid.discovery} / ${f.afterUnknownKid.jwks}` +
      (f.afterUnknownKid.other ? `; other paths ${f.afterUnknownKid.other}` : ''),
    `service memory (node process): peak RSS (VmHWM) ${mib(report.service.peakRssBytes)}; RSS once ready ${mib(report.service.startRssBytes)}; ` +
      `largest RSS after a run: ${report.scenarios.map((s) => `${s.name} ${mib(s.rssAfterMaxBytes)}`).join(', ')}`,
  );
  return out.join('\n');
}

/** "CPU used until ready" by process, for the first run: on 2 cores start-up time is mostly CPU. */
function cpuUntilReady(processes: TreeProcess[] | undefined): string {
  if (!processes?.length) return '';
  const total = processes.reduce((sum, p) => sum + p.cpuSeconds, 0);
  const top = processes.filter((p) => p.cpuSeconds >= 0.05).map((p) => `    ${num(p.cpuSeconds, 2)} s  ${p.command}`);
  return `\n  CPU used until every part answered (run 1): ${num(total, 2)} s in ${processes.length} processes\n${top.join('\n')}`;
}
