import type { ServiceProcess } from './service-process.ts';

/** One request per expected status before any load, so a broken service fails fast and clearly. */
export async function checkStatuses(service: ServiceProcess, token: string, badToken: string): Promise<void> {
  const expectations: [string, Record<string, string>, number][] = [
    ['/health', {}, 200],
    ['/api/contacts', {}, 401],
    ['/api/contacts', { authorization: `Bearer ${token}` }, 200],
    ['/api/contacts', { authorization: `Bearer ${badToken}` }, 401],
  ];
  for (const [path, headers, expected] of expectations) {
    const res = await fetch(service.baseUrl + path, { headers });
    const body = await res.text();
    if (res.status !== expected) {
      throw new Error(`GET ${path}${headers.authorization ? ' (with a token)' : ''} answered ${res.status}, expected ${expected}: ${body.slice(0, 300)}`);
    }
  }
}
