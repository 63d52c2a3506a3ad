import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@organizer/testing';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenant } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadSigningKeys, rotateSigningKeys } from '../src/signing-keys.ts';
import { clientCredentials, DEV_SECRET } from './helpers.ts';

let keysDir: string;
beforeAll(async () => {
  keysDir = await mkdtemp(join(tmpdir(), 'local-tenant-rotation-'));
});
afterAll(() => rm(keysDir, { recursive: true, force: true }));

async function m2mToken(issuer: string): Promise<string> {
  const response = await clientCredentials(issuer, { client_id: 'organizer-m2m', client_secret: DEV_SECRET });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('signing keys', () => {
  it('keeps its key across restarts, and after a rotation signs with the new key while still publishing the old one', async () => {
    // A port that was free a moment ago: the tenant restarts on the same one, so its issuer stays the same.
    const config = { ...loadConfig({}), port: await freePort('localhost'), keysDir };

    const first = await startTenant(config);
    const oldToken = await m2mToken(first.issuer);
    const oldKid = first.activeKid;
    await first.close();
    const stored = JSON.parse(await readFile(join(keysDir, 'signing-keys.json'), 'utf8')) as {
      keys: Array<{ jwk: { kid: string; d?: string } }>;
    };
    expect(stored.keys.map((key) => key.jwk.kid)).toEqual([oldKid]);

    const restarted = await startTenant(config);
    expect(restarted.activeKid).toBe(oldKid);
    await restarted.close();

    const { active } = await rotateSigningKeys(keysDir, { retentionSeconds: 86_460 });
    const rotated = await startTenant(config);
    try {
      expect(rotated.activeKid).toBe(active.jwk.kid);
      expect(rotated.activeKid).not.toBe(oldKid);
      const jwksUrl = new URL('.well-known/jwks.json', rotated.issuer);
      const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: Array<{ kid: string }> };
      expect(keys.map((key) => key.kid)).toEqual([rotated.activeKid, oldKid]);

      const newToken = await m2mToken(rotated.issuer);
      expect(decodeProtectedHeader(newToken).kid).toBe(rotated.activeKid);
      const jwks = createRemoteJWKSet(jwksUrl);
      await expect(jwtVerify(oldToken, jwks, { issuer: rotated.issuer, audience: 'organize' })).resolves.toBeTruthy();
      await expect(jwtVerify(newToken, jwks, { issuer: rotated.issuer, audience: 'organize' })).resolves.toBeTruthy();
    } finally {
      await rotated.close();
    }
  });

  it('stops publishing a retired key once tokens it signed have expired', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'local-tenant-prune-'));
    try {
      const [original] = await loadSigningKeys(dir, { retentionSeconds: 100 });
      const t0 = Date.now();
      await rotateSigningKeys(dir, { retentionSeconds: 100, now: new Date(t0) });
      const within = await loadSigningKeys(dir, { retentionSeconds: 100, now: new Date(t0 + 99_000) });
      expect(within.map((key) => key.jwk.kid)).toContain(original!.jwk.kid);
      const after = await loadSigningKeys(dir, { retentionSeconds: 100, now: new Date(t0 + 101_000) });
      expect(after).toHaveLength(1);
      expect(after[0]!.jwk.kid).not.toBe(original!.jwk.kid);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
