import { readFileSync } from 'node:fs';

/** The parts of V8's .cpuprofile format (written by node --cpu-prof) that this summary reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  /** Self time by where the code lives: a package, node's internals, the repo's own files, GC, idle. */
  selfByArea: { area: string; ms: number; share: number }[];
  /** Time with a frame of that area anywhere on the stack (callees included), as a share of busy time. */
  inclusiveByArea: { area: string; ms: number; share: number }[];
  topFunctions: { fn: string; ms: number; share: number }[];
  /** Every function of the repo's own apps and packages, by self time. */
  ownFunctions: { fn: string; ms: number; share: number }[];
  /** Self time (ms) of every area and every function, for comparing profiles. */
  selfAll: Record<string, number>;
  fnAll: Record<string, number>;
}

/** Where a frame's code lives, e.g. "express-oauth2-jwt-bearer", "node:internal", "packages/auth". */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  // node:internal/crypto/sig -> node:internal/crypto, node:_http_server stays as it is.
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const own = /\/(apps\/[^/]+|packages\/[^/]+|scripts)\//.exec(url)?.[1];
  return own ?? url;
}

/**
 * Self and inclusive time by area and the top functions. `fromUs` (a CLOCK_MONOTONIC time in µs, the
 * clock of V8's sample timestamps and of process.hrtime) drops earlier samples, i.e. start-up.
 */
export function summarizeProfile(file: string, top = 15, fromUs = 0): ProfileSummary {
  return summarizeProfiles([file], top, fromUs);
}

/** Several profiles of one process summed into one summary. */
export function summarizeProfiles(files: string[], top = 15, fromUs = 0): ProfileSummary {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      at += us;
      if (at < fromUs) return;
      const node = byId.get(id);
      if (!node) return;
      total += us;
      const { functionName, url, lineNumber } = node.callFrame;
      const area = areaOf(url, functionName);
      if (area === '(idle)') idle += us;
      self.set(area, (self.get(area) ?? 0) + us);
      // The repo's own files by name (several share an area), packages by area; both with the line.
      const where = /\/(?:apps|packages|scripts)\//.test(url) && !url.includes('node_modules') ? `${area}/${url.split('/').pop()}` : area;
      const fn = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
      fns.set(fn, (fns.get(fn) ?? 0) + us);
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const frame = byId.get(cur)?.callFrame;
        if (frame) seen.add(areaOf(frame.url, frame.functionName));
      }
      for (const a of seen) inclusive.set(a, (inclusive.get(a) ?? 0) + us);
    });
  }
  const busy = total - idle || 1;
  const rank = (m: Map<string, number>, key: 'area' | 'fn') =>
    [...m]
      .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ [key]: name, ms: us / 1000, share: us / busy }));
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    selfByArea: rank(self, 'area') as ProfileSummary['selfByArea'],
    inclusiveByArea: rank(inclusive, 'area') as ProfileSummary['inclusiveByArea'],
    topFunctions: rank(fns, 'fn') as ProfileSummary['topFunctions'],
    ownFunctions: rank(new Map([...fns].filter(([fn]) => / (apps|packages)\//.test(fn))), 'fn') as ProfileSummary['ownFunctions'],
    selfAll: Object.fromEntries([...self].map(([k, us]) => [k, us / 1000])),
    fnAll: Object.fromEntries([...fns].map(([k, us]) => [k, us / 1000])),
  };
}

/** The summary as text; with the number of requests served, each line also gets µs per request. */
export function formatProfile(file: string, s: ProfileSummary, requests = 0): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  const us = (ms: number): string => (requests ? `${((ms * 1000) / requests).toFixed(1).padStart(6)} µs/req  ` : '');
  return [
    `CPU profile ${file}`,
    `${(s.totalMs / 1000).toFixed(1)} s sampled, ${(s.busyMs / 1000).toFixed(1)} s busy` +
      (requests ? `, ${requests} requests: ${((s.busyMs * 1000) / requests).toFixed(1)} µs of CPU per request` : '') +
      '; shares are of busy time',
    'self time by area:',
    ...s.selfByArea.map((a) => `  ${pct(a.share)}  ${us(a.ms)}${a.area}`),
    'on the stack (callees included; middleware chains nest, so read with care):',
    ...s.inclusiveByArea.map((a) => `  ${pct(a.share)}  ${us(a.ms)}${a.area}`),
    'top functions by self time:',
    ...s.topFunctions.map((f) => `  ${pct(f.share)}  ${us(f.ms)}${f.fn}`),
    "the repo's own functions by self time:",
    ...s.ownFunctions.map((f) => `  ${pct(f.share)}  ${us(f.ms)}${f.fn}`),
  ].join('\n');
}
