import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { startTenant } from '@organizer/local-tenant';
import { loadConfig } from '@organizer/local-tenant/config';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';

/** scripts/src/token.ts as `pnpm access-token` runs it, with only the given settings (none from a developer's .env). */
function accessToken(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = findRepoRoot();
  const child = spawn(process.execPath, ['scripts/src/token.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_OPTIONS: process.env['NODE_OPTIONS'] ?? '',
      AUTH0_DOMAIN: '',
      AUTH0_M2M_CLIENT_ID: '',
      AUTH0_M2M_CLIENT_SECRET: '',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('pnpm access-token with SPA_ORIGIN', () => {
  it("logs in with the SPA's callback at SPA_ORIGIN, the one the local tenant then registers", async () => {
    const spaOrigin = 'http://localhost:5173';
    const keysDir = await mkdtemp(join(tmpdir(), 'scripts-tenant-keys-'));
    const tenant = await startTenant({ ...loadConfig({ SPA_ORIGIN: spaOrigin }), port: 0, keysDir });
    try {
      const result = await accessToken(['alice'], { ISSUER_BASE_URL: tenant.issuer, SPA_ORIGIN: spaOrigin });
      expect(result.stderr).toContain('alice: scope "read:contacts write:contacts read:calendar write:calendar"');
      expect(result.code).toBe(0);
      expect(decodeJwt(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({
        iss: tenant.issuer,
        aud: 'organize',
      });
    } finally {
      await tenant.close();
      await rm(keysDir, { recursive: true, force: true });
    }
  });
});
