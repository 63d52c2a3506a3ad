import type { CliTenant } from './cli-tenant.ts';
import { requestM2mToken, START_HINT } from './client-credentials.ts';
import { fetchOrExplain } from './http-errors.ts';

export type Print = (line: string) => void;

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * The guide's machine-to-machine path: one client-credentials token, then both services with it.
 * Prints each status and body; a 403 from a service is a result to show, not a failure of the run.
 */
export async function runM2m(tenant: CliTenant, print: Print): Promise<void> {
  const token = await requestM2mToken(tenant);
  print(
    `Token for ${tenant.m2m.clientId} from ${tenant.issuer} (audience ${tenant.audience}, scope: ${token.scope ?? '(none)'})`,
  );
  for (const [name, url] of Object.entries(tenant.services)) {
    const response = await fetchOrExplain(
      `The ${name} service`,
      url,
      { headers: { authorization: `Bearer ${token.accessToken}` } },
      START_HINT,
    );
    print('');
    print(`GET ${url} -> ${response.status}`);
    print(pretty(await response.text()));
  }
}
