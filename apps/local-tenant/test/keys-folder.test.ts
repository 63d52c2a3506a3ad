import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTenant } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let stateHome: string;
beforeEach(async () => {
  stateHome = await mkdtemp(join(tmpdir(), 'local-tenant-state-'));
});
afterEach(() => rm(stateHome, { recursive: true, force: true }));

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const storedKids = async (dir: string) =>
  (
    JSON.parse(await readFile(join(dir, 'signing-keys.json'), 'utf8')) as { keys: Array<{ jwk: { kid: string } }> }
  ).keys.map((key) => key.jwk.kid);

describe('where the signing keys live', () => {
  it('defaults to the per-user state folder, outside the repository the SPA’s dev server serves', () => {
    expect(loadConfig({ XDG_STATE_HOME: '/srv/state' }).keysDir).toBe('/srv/state/organizer/local-tenant');
    expect(loadConfig({ HOME: '/home/dev' }).keysDir).toBe('/home/dev/.local/state/organizer/local-tenant');
    // The XDG spec: a relative XDG_STATE_HOME is invalid and ignored.
    expect(loadConfig({ HOME: '/home/dev', XDG_STATE_HOME: 'state' }).keysDir).toBe(
      '/home/dev/.local/state/organizer/local-tenant',
    );
    const keysDir = loadConfig({}).keysDir;
    expect(keysDir).toBe(join(homedir(), '.local', 'state', 'organizer', 'local-tenant'));
    expect(relative(findRepoRoot(), keysDir).startsWith('..')).toBe(true);
  });

  it('creates the key there on first start, owner-only, and publishes only its public half over HTTP', async () => {
    const config = { ...loadConfig({ XDG_STATE_HOME: stateHome }), port: 0 };
    const tenant = await startTenant(config);
    try {
      const { keys } = (await (await fetch(new URL('.well-known/jwks.json', tenant.issuer))).json()) as {
        keys: Array<Record<string, unknown>>;
      };
      expect(keys.map((key) => key.kid)).toEqual([tenant.activeKid]);
      expect(keys[0]).not.toHaveProperty('d');
      const dir = join(stateHome, 'organizer', 'local-tenant');
      expect(await storedKids(dir)).toEqual([tenant.activeKid]);
      expect(await modeOf(dir)).toBe(0o700);
      expect(await modeOf(join(dir, 'signing-keys.json'))).toBe(0o600);
    } finally {
      await tenant.close();
    }
  });

  it('tightens a keys folder and file that others can read before using them', async () => {
    const config = { ...loadConfig({ XDG_STATE_HOME: stateHome }), port: 0 };
    await (await startTenant(config)).close();
    const dir = config.keysDir;
    await chmod(dir, 0o755);
    await chmod(join(dir, 'signing-keys.json'), 0o644);
    const restarted = await startTenant(config);
    await restarted.close();
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(join(dir, 'signing-keys.json'))).toBe(0o600);
  });

  it('`pnpm rotate-keys` rotates the keys in that folder, and the tenant then signs with the new key', async () => {
    const config = { ...loadConfig({ XDG_STATE_HOME: stateHome }), port: 0 };
    const first = await startTenant(config);
    const oldKid = first.activeKid;
    await first.close();

    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        'pnpm',
        ['rotate-keys'],
        { cwd: findRepoRoot(), env: { ...process.env, XDG_STATE_HOME: stateHome } },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const dir = join(stateHome, 'organizer', 'local-tenant');
    expect(stdout).toContain(`in ${dir}.`);
    const [newKid, ...published] = await storedKids(dir);
    expect(published).toEqual([oldKid]);

    const rotated = await startTenant(config);
    try {
      expect(rotated.activeKid).toBe(newKid);
    } finally {
      await rotated.close();
    }
  });
});
