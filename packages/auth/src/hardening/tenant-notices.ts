/** What the warm-up says about the tenant, in plain words, once when it cannot be reached and once when it can. */
export interface TenantNotices {
  /** Says why the tenant cannot be reached; resolves false, saying nothing, if it answers by now. */
  unreachable(): Promise<boolean>;
  reachable(): void;
}

export interface TenantNoticeOptions {
  /** The service's name, starting each line. */
  readonly service: string;
  readonly issuer: string;
  /** Where the lines go. */
  readonly report: (line: string) => void;
  /** The command that starts a tenant on this machine (such as `pnpm dev`), named when a local issuer is down. */
  readonly startCommand?: string;
  /** How long the diagnosis waits for an answer. */
  readonly timeoutMs: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/**
 * Why a URL of the tenant fails, in a few words, or undefined if it answers. The library reports every
 * discovery failure as one fixed message, so the warm-up asks once more itself to say which it was.
 */
async function failureOf(url: URL, timeoutMs: number): Promise<{ cause?: string; body?: unknown }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { cause: `${url.href} answered HTTP ${response.status}` };
    return { body: await response.json().catch(() => undefined) };
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError')
      return { cause: `no answer within ${timeoutMs} ms` };
    const code = (err as { cause?: { code?: unknown } }).cause?.code;
    return { cause: typeof code === 'string' ? (NETWORK_CAUSES[code] ?? code) : 'no answer' };
  }
}

async function diagnose(issuer: string, timeoutMs: number): Promise<string | undefined> {
  const discovery = new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`);
  const { cause, body } = await failureOf(discovery, timeoutMs);
  if (cause !== undefined) return cause;
  const jwksUri = (body as { jwks_uri?: unknown } | undefined)?.jwks_uri;
  if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri))
    return `${discovery.href} is not a discovery document with a jwks_uri`;
  const keys = await failureOf(new URL(jwksUri), timeoutMs);
  return keys.cause === undefined ? undefined : `its key set: ${keys.cause}`;
}

export function tenantNotices({
  service,
  issuer,
  report,
  startCommand,
  timeoutMs,
}: TenantNoticeOptions): TenantNotices {
  const local = URL.canParse(issuer) && LOOPBACK.has(new URL(issuer).hostname);
  const fix = local
    ? `start it${startCommand === undefined ? '' : ` with \`${startCommand}\``} or set ISSUER_BASE_URL`
    : 'check the network and ISSUER_BASE_URL or AUTH0_DOMAIN';
  return {
    async unreachable() {
      const cause = await diagnose(issuer, timeoutMs);
      if (cause === undefined) return false;
      report(
        `${service}: cannot reach the tenant at ${issuer} (${cause}); ${fix}. Requests will answer 503 until it is reachable.`,
      );
      return true;
    },
    reachable() {
      report(`${service}: the tenant at ${issuer} is reachable now; its keys are loaded.`);
    },
  };
}
