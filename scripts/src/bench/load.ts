import autocannon from 'autocannon';

export interface LoadRun {
  readonly requests: number;
  readonly seconds: number;
  /** Responses other than 2xx, plus connection errors and timeouts. */
  readonly failed: number;
}

/** autocannon may build a few requests past `amount` (one per connection in flight): tokens to spare. */
export const SPARE_TOKENS_PER_CONNECTION = 2;

/**
 * Sends `amount` GET requests to `url` over `connections` connections. `tokens`: none for an open route,
 * one for a token reused on every request, or more to hand out one per request, in order, so that no
 * token is sent twice while they last (pass `amount` + connections × SPARE_TOKENS_PER_CONNECTION).
 */
export async function load(url: string, tokens: readonly string[], amount: number, connections: number): Promise<LoadRun> {
  let next = 0;
  // A fixed request is built once; building one per request costs this process enough to slow /health.
  const request: autocannon.Request =
    tokens.length <= 1
      ? { method: 'GET', headers: tokens[0] === undefined ? {} : { authorization: `Bearer ${tokens[0]}` } }
      : {
          method: 'GET',
          setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${tokens[next++ % tokens.length]}` } }),
        };
  let started = 0;
  let last = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ url, connections, amount, requests: [request] }, (err, res) => (err ? reject(err) : resolve(res)));
    run.on('start', () => (started = performance.now()));
    run.on('response', () => (last = performance.now()));
  });
  // autocannon ends a run on its 1 s sampling tick, so its own duration rounds up: time the responses.
  const seconds = last > started ? (last - started) / 1000 : result.duration;
  return { requests: result.requests.total, seconds, failed: result.non2xx + result.errors + result.timeouts };
}
