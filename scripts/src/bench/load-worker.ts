/**
 * Entry of the load-generator process. The orchestrator starts it pinned to its own core and sends it
 * jobs over IPC, so autocannon never competes with the service for the service's core.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadResult, OrchestratorMessage, WorkerMessage } from './load-job.ts';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  const { tokens } = job;
  const tokenFor = (): string | undefined => {
    if (tokens.length === 0) return undefined;
    const token = tokens[job.cycle ? next % tokens.length : Math.min(next, tokens.length - 1)];
    next += 1;
    return token;
  };
  // With at most one token the request never changes, so autocannon builds it once; rebuilding it per
  // request would cost the generator enough to cap the fastest route (/health) on a shared machine.
  // With a pool, one shared request whose setupRequest hands each request the next token: autocannon
  // keeps a separate position per connection in a `requests` array, which would send tokens again.
  const fixed = tokens[0];
  const requests: autocannon.Request[] =
    tokens.length <= 1
      ? [{ method: 'GET', headers: fixed === undefined ? {} : { authorization: `Bearer ${fixed}` } }]
      : [
          {
            method: 'GET',
            setupRequest: (req) => {
              const token = tokenFor();
              return token ? { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } } : req;
            },
          },
        ];
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    requests,
    ...(job.amount ? { amount: job.amount } : { duration: job.duration }),
  };
  // autocannon ends a run only on its 1 s sampling tick, so with `amount` its own duration rounds up
  // to whole seconds: time the window from its start to the last response instead.
  let started = 0;
  let lastResponse = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('start', () => (started = performance.now()));
    instance.on('response', () => (lastResponse = performance.now()));
  });
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = stat.count ?? 0;
  const requestsDone = result.requests.total;
  const seconds = lastResponse > started ? (lastResponse - started) / 1000 : result.duration;
  return {
    requests: requestsDone,
    seconds,
    reqPerSec: seconds > 0 ? requestsDone / seconds : 0,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // A fixed request is one token for every request (0 for none), which is what "reused" means.
    tokensUsed: tokens.length <= 1 ? tokens.length : next,
  };
}

process.on('message', (message: OrchestratorMessage) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  run(message.job).then(
    (result) => send({ type: 'result', id: message.id, result }),
    (err: unknown) => send({ type: 'error', id: message.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
send({ type: 'ready' });
