import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DevPart, DevPlan } from '../src/dev-plan.ts';

const fakePart = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fake-part.mjs');

export { freePort } from '@organizer/testing';

export function part(name: string, port: number, mode: 'serve' | 'fail' | 'exit', delayMs = 0): DevPart {
  return {
    name,
    command: `node ${fakePart} ${port} ${mode} ${delayMs}`,
    port,
    readyUrl: `http://localhost:${port}/`,
    color: 'green',
  };
}

export function plan(parts: DevPart[]): DevPlan {
  return {
    parts,
    appUrl: `http://localhost:${parts[0]?.port}`,
    demoLogins: [],
    issuer: 'http://localhost:4000/',
    tenantLabel: 'test tenant',
  };
}

/** True when something answers HTTP on the port. */
export async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
