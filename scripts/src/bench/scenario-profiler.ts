import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeProfiles, type ProfileSummary } from './cpu-profile.ts';

export const PROFILE_BY_SIGNAL = fileURLToPath(new URL('./profile-by-signal.ts', import.meta.url));

interface Taken {
  label: string;
  file: string;
  requests: number;
}

/**
 * Profiles each measured run of the service separately (see profile-by-signal.ts), then sums the
 * profiles per scenario, so a protected route's extra cost can be read against /health's from the same
 * process and the same minutes.
 */
export class ScenarioProfiler {
  private readonly taken: Taken[] = [];
  private next = 0;

  constructor(
    readonly dir: string,
    private readonly pid: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async around<T extends { requests: number }>(label: string, run: () => Promise<T>): Promise<T> {
    const n = this.next++;
    process.kill(this.pid, 'SIGUSR2');
    await waitFor(join(this.dir, `${n}.started`));
    const result = await run();
    process.kill(this.pid, 'SIGUSR2');
    await waitFor(join(this.dir, `${n}.cpuprofile`));
    this.taken.push({ label, file: join(this.dir, `${n}.cpuprofile`), requests: result.requests });
    return result;
  }

  /** µs of main-thread CPU per request by area, per scenario, and what each costs over /health. */
  report(top = 12): string {
    const labels = [...new Set(this.taken.map((t) => t.label))];
    const per = new Map<string, { summary: ProfileSummary; requests: number }>();
    for (const label of labels) {
      const mine = this.taken.filter((t) => t.label === label);
      per.set(label, { summary: summarizeProfiles(mine.map((t) => t.file), top), requests: mine.reduce((s, t) => s + t.requests, 0) });
    }
    const usPerReq = (label: string, map: 'selfAll' | 'fnAll', key: string): number => {
      const p = per.get(label);
      return p ? ((p.summary[map][key] ?? 0) * 1000) / p.requests : 0;
    };
    const out: string[] = ['Per-scenario CPU profiles (main thread, sampled every 250 µs, same process, interleaved):'];
    for (const label of labels) {
      const p = per.get(label);
      if (!p) continue;
      out.push(`  ${label}: ${((p.summary.busyMs * 1000) / p.requests).toFixed(1)} µs per request (${p.requests} requests)`);
    }
    const base = per.get('health');
    if (!base) return out.join('\n');
    for (const label of labels.filter((l) => l !== 'health')) {
      for (const map of ['selfAll', 'fnAll'] as const) {
        const keys = new Set([...Object.keys(per.get(label)?.summary[map] ?? {}), ...Object.keys(base.summary[map])]);
        const deltas = [...keys]
          .filter((k) => !k.startsWith('(idle)') && !k.startsWith('(root)'))
          .map((k) => ({ k, d: usPerReq(label, map, k) - usPerReq('health', map, k) }))
          .sort((a, b) => b.d - a.d)
          .slice(0, top);
        out.push(`  ${label} minus /health, µs per request, by ${map === 'selfAll' ? 'area' : 'function'}:`);
        out.push(...deltas.map(({ k, d }) => `    ${d >= 0 ? '+' : ''}${d.toFixed(1).padStart(6)}  ${k}`));
      }
    }
    return out.join('\n');
  }
}

async function waitFor(file: string): Promise<void> {
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
  if (!existsSync(file)) throw new Error(`the service did not write ${file} (profiling by signal)`);
}
