/**
 * What the page asks of a service: list (GET; the next page with `cursor`, a previous answer's `next_cursor`), add
 * an item (POST with a JSON body) or delete one (DELETE of `<route>/<id>`).
 */
export type ApiRequest =
  | { readonly api: 'contacts' | 'calendar'; readonly method: 'GET'; readonly cursor?: string }
  | { readonly api: 'contacts' | 'calendar'; readonly method: 'POST'; readonly body: Readonly<Record<string, string>> }
  | { readonly api: 'contacts' | 'calendar'; readonly method: 'DELETE'; readonly id: string };

/** One call to a service and what came back, for the result panel. */
export interface ApiResult {
  api: string;
  /** The request as sent; the URL is the item's for a DELETE. */
  request: ApiRequest;
  url: string;
  /** null when the service could not be reached at all. */
  status: number | null;
  durationMs: number;
  sentToken: boolean;
  body?: unknown;
  error?: string;
  errorDescription?: string;
  /** The permissions a 403 `insufficient_scope` says the route needs (the challenge's `scope`). */
  requiredScopes?: string[];
  /** Why the token lacked them, when the page can tell (see scope-hint.ts). */
  hint?: string;
}

export interface BearerChallenge {
  error?: string;
  errorDescription?: string;
  scope?: string[];
}

/**
 * Reads `error`, `error_description` and `scope` from a `WWW-Authenticate: Bearer …` challenge (RFC 6750
 * §3), the standard place a resource server explains a 401 or 403.
 */
export function parseBearerChallenge(header: string | null): BearerChallenge {
  if (!header) return {};
  const params: Record<string, string> = {};
  // auth-param = token "=" ( token / quoted-string ); quoted-pair unescaped.
  for (const m of header.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    const name = m[1] as string;
    params[name] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  const out: BearerChallenge = {};
  if (params.error !== undefined) out.error = params.error;
  if (params.error_description !== undefined) out.errorDescription = params.error_description;
  if (params.scope !== undefined) out.scope = params.scope.split(' ').filter(Boolean);
  return out;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function requestInit(request: ApiRequest): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.method !== 'POST') return { method: request.method, headers, cache: 'no-store' };
  // The services take exactly this content type, which CORS lets the page send (a preflight first).
  return {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(request.body),
    cache: 'no-store',
  };
}

/** How the active flow sends a request: fetch() with its access token added (none when signed out). */
export type TokenFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * One request through the active flow's `send` (which adds the token as a Bearer header, the only place the
 * services read it from): `route` is the service's route (…/api/contacts); a DELETE goes to the item under it.
 */
export async function callApi(
  api: string,
  route: string,
  request: ApiRequest,
  send: TokenFetch,
  sentToken: boolean,
): Promise<ApiResult> {
  const started = performance.now();
  const url =
    request.method === 'DELETE'
      ? `${route}/${encodeURIComponent(request.id)}`
      : request.method === 'GET' && request.cursor !== undefined
        ? `${route}?cursor=${encodeURIComponent(request.cursor)}`
        : route;
  const base = { api, request, url, sentToken };
  let response: Response;
  try {
    response = await send(url, requestInit(request));
  } catch {
    return {
      ...base,
      status: null,
      durationMs: Math.round(performance.now() - started),
      error: 'network_error',
      errorDescription: `Could not reach ${new URL(url).origin}. Is the service running (pnpm dev)?`,
    };
  }
  const body = await readBody(response);
  const durationMs = Math.round(performance.now() - started);
  if (response.ok) return { ...base, status: response.status, durationMs, body };
  const challenge = parseBearerChallenge(response.headers.get('WWW-Authenticate'));
  const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const error = challenge.error ?? (typeof fromBody.error === 'string' ? fromBody.error : undefined);
  const errorDescription =
    challenge.errorDescription ??
    (typeof fromBody.error_description === 'string' ? fromBody.error_description : undefined);
  const result: ApiResult = { ...base, status: response.status, durationMs, body };
  if (error !== undefined) result.error = error;
  if (errorDescription !== undefined) result.errorDescription = errorDescription;
  if (response.status === 403 && error === 'insufficient_scope' && challenge.scope)
    result.requiredScopes = challenge.scope;
  return result;
}
