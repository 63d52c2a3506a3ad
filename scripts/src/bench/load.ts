import autocannon from 'autocannon';

export interface LoadRun {
  readonly requests: number;
  readonly seconds: number;
  /** The service's CPU µs per request: the median over the run's windows (see WINDOW_MS). */
  readonly usPerRequest: number;
  /** Responses other than 2xx, plus connection errors and timeouts. */
  readonly failed: number;
}

/**
 * CPU per request is read every WINDOW_MS and the run's figure is the median window: on a shared machine
 * some windows are inflated by other processes on the service's core, and a median ignores them where a
 * whole-run average would not.
 */
const WINDOW_MS = 100;
const MIN_WINDOW_REQUESTS = 20;

/** A request's credentials: the same headers on every request, or the next ones for each (a new token, a new DPoP proof). */
export type Credentials = Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);

/** `Authorization: Bearer <token>` on every request, or with the next token of `token()` on each. */
export function bearer(token: string | (() => string)): Credentials {
  return typeof token === 'function'
    ? () => ({ authorization: `Bearer ${token()}` })
    : { authorization: `Bearer ${token}` };
}

/**
 * Sends `amount` requests to `url` over `connections` connections, with no credentials, the same ones on
 * every request, or the next of `credentials()` on each, while reading the service's CPU time. With
 * `json`, each request is a POST of that body; otherwise a GET.
 */
export async function load(
  url: string,
  credentials: Credentials | undefined,
  amount: number,
  connections: number,
  cpuSeconds: () => number,
  json?: string,
): Promise<LoadRun> {
  // A fixed request is built once; building one per request costs this process enough to slow /health.
  const body: Partial<autocannon.Request> = json === undefined ? { method: 'GET' } : { method: 'POST', body: json };
  const fixed: Record<string, string> = json === undefined ? {} : { 'content-type': 'application/json' };
  const request: autocannon.Request =
    typeof credentials === 'function'
      ? { ...body, setupRequest: (req) => ({ ...req, headers: { ...fixed, ...credentials() } }) }
      : { ...body, headers: { ...fixed, ...credentials } };
  let started = 0;
  let last = 0;
  let responses = 0;
  const windows: number[] = [];
  let mark = { cpu: cpuSeconds(), responses: 0 };
  const sampler = setInterval(() => {
    const now = { cpu: cpuSeconds(), responses };
    if (now.responses - mark.responses >= MIN_WINDOW_REQUESTS)
      windows.push(((now.cpu - mark.cpu) * 1e6) / (now.responses - mark.responses));
    mark = now;
  }, WINDOW_MS);
  const startCpu = mark.cpu;
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon({ url, connections, amount, requests: [request] }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
      run.on('start', () => (started = performance.now()));
      run.on('response', () => {
        responses += 1;
        last = performance.now();
      });
    });
    const requests = result.requests.total;
    // Too short a run for two windows: the whole run's average.
    const usPerRequest =
      windows.length >= 2 ? median(windows) : ((cpuSeconds() - startCpu) * 1e6) / Math.max(requests, 1);
    // autocannon ends a run on its 1 s sampling tick, so its own duration rounds up: time the responses.
    const seconds = last > started ? (last - started) / 1000 : result.duration;
    return { requests, seconds, usPerRequest, failed: result.non2xx + result.errors + result.timeouts };
  } finally {
    clearInterval(sampler);
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
