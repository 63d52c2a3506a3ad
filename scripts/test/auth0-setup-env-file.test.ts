import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mergeEnvFile } from '../src/auth0-setup/index.ts';
import { type Harness, startHarness } from './auth0-stand-in/harness.ts';

const header = 'Written by pnpm auth0:setup for t.example';

describe('mergeEnvFile', () => {
  test('a new file gets the values under a header comment', () => {
    const { text, entries } = mergeEnvFile(
      '',
      [
        ['AUTH0_DOMAIN', 't.example'],
        ['AUTH0_AUDIENCE', 'organize'],
      ],
      { force: false, header },
    );
    expect(text).toBe(`# ${header}\nAUTH0_DOMAIN=t.example\nAUTH0_AUDIENCE=organize\n`);
    expect(entries.map((e) => e.status)).toEqual(['added', 'added']);
  });

  test('comments, blank lines and other variables stay; a different value is kept; an empty one is filled; a missing one appended', () => {
    const before =
      '# My settings\nAUTH0_DOMAIN=\n\n# the SPA\nAUTH0_CLIENT_ID=organizer-spa # local\nPORT_NOTE=keep me\n';
    const { text, entries } = mergeEnvFile(
      before,
      [
        ['AUTH0_DOMAIN', 't.example'],
        ['AUTH0_CLIENT_ID', 'abc123'],
        ['AUTH0_AUDIENCE', 'organize'],
      ],
      { force: false, header },
    );
    expect(text).toBe(
      `# My settings\nAUTH0_DOMAIN=t.example\n\n# the SPA\nAUTH0_CLIENT_ID=organizer-spa # local\nPORT_NOTE=keep me\n\n# ${header}\nAUTH0_AUDIENCE=organize\n`,
    );
    expect(entries).toEqual([
      { name: 'AUTH0_DOMAIN', value: 't.example', status: 'filled', previous: '' },
      { name: 'AUTH0_CLIENT_ID', value: 'abc123', status: 'kept', previous: 'organizer-spa' },
      { name: 'AUTH0_AUDIENCE', value: 'organize', status: 'added' },
    ]);
  });

  test('force replaces a different value in place; the same value is unchanged; CRLF line ends survive', () => {
    const before = 'AUTH0_CLIENT_ID=old\r\nAUTH0_AUDIENCE=organize\r\n';
    const { text, entries } = mergeEnvFile(
      before,
      [
        ['AUTH0_CLIENT_ID', 'new'],
        ['AUTH0_AUDIENCE', 'organize'],
      ],
      { force: true, header },
    );
    expect(text).toBe('AUTH0_CLIENT_ID=new\r\nAUTH0_AUDIENCE=organize\r\n');
    expect(entries.map((e) => e.status)).toEqual(['replaced', 'unchanged']);
  });

  test("values needing quotes are written so that Node's .env parser reads them back", () => {
    const value = 'a b#c"d';
    const { text } = mergeEnvFile('', [['X', value]], { force: false, header });
    expect(parseEnv(text)['X']).toBe(value);
  });
});

describe('the .env file a run writes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('a new .env is readable by its owner only', async () => {
    await h.run();
    expect((await stat(h.envFile)).mode & 0o777).toBe(0o600);
  });

  test('an existing .env: different values are kept and reported (secret masked), comments kept; --force-env replaces them', async () => {
    const before =
      '# copied from .env.example\nAUTH0_DOMAIN=\nAUTH0_CLIENT_ID=organizer-spa\n# local only\nAUTH0_M2M_CLIENT_SECRET=local-dev-m2m-secret-change-me\nAUTH0_MGMT_CLIENT_ID=mgmt\n';
    await writeFile(h.envFile, before);
    const { code, out } = await h.run();
    expect(code).toBe(0);
    const after = await readFile(h.envFile, 'utf8');
    expect(
      after.startsWith(
        '# copied from .env.example\nAUTH0_DOMAIN=organizer-test.eu.auth0.com\nAUTH0_CLIENT_ID=organizer-spa\n# local only\nAUTH0_M2M_CLIENT_SECRET=local-dev-m2m-secret-change-me\nAUTH0_MGMT_CLIENT_ID=mgmt\n',
      ),
    ).toBe(true);
    expect(parseEnv(after)).toMatchObject({ AUTH0_AUDIENCE: 'organize', AUTH0_M2M_CLIENT_ID: 'client_2' });
    expect(out).toContain("AUTH0_CLIENT_ID=organizer-spa  KEPT your different value; the tenant's value is client_1");
    expect(out).toContain(
      "AUTH0_M2M_CLIENT_SECRET=loca…(30 characters)  KEPT your different value; the tenant's value is secr…(35 characters)",
    );
    expect(out).toContain('Run again with --force-env to replace the kept values');
    expect(out).not.toContain('local-dev-m2m-secret-change-me');

    const forced = await h.run(['--force-env']);
    expect(forced.code).toBe(0);
    const replaced = await readFile(h.envFile, 'utf8');
    expect(parseEnv(replaced)).toMatchObject({
      AUTH0_CLIENT_ID: 'client_1',
      AUTH0_M2M_CLIENT_SECRET: String(h.standIn.state.clients[1]?.['client_secret']),
    });
    expect(replaced).toContain('# copied from .env.example\n');
    expect(replaced).toContain('# local only\n');
    expect(forced.out).toContain('AUTH0_CLIENT_ID=client_1  replaced (--force-env) (was organizer-spa)');
  });

  test('a custom domain: the Management API is called on AUTH0_MGMT_DOMAIN, and .env keeps AUTH0_DOMAIN as the apps use it', async () => {
    const { code, out } = await h.run([], { config: { domain: 'login.organizer.example' } });
    expect(code).toBe(0);
    expect(h.standIn.requests[0]?.body).toMatchObject({ audience: 'https://organizer-test.eu.auth0.com/api/v2/' });
    expect(out).toContain('Plan for organizer-test.eu.auth0.com');
    expect(parseEnv(await readFile(h.envFile, 'utf8'))['AUTH0_DOMAIN']).toBe('login.organizer.example');
  });

  test('without read:client_keys the M2M secret is not in the listing: .env gets the rest and the run says why', async () => {
    await h.run();
    for (const client of h.standIn.state.clients) delete client['client_secret'];
    await writeFile(h.envFile, '');
    const { code, out } = await h.run();
    expect(code).toBe(0);
    expect(parseEnv(await readFile(h.envFile, 'utf8'))['AUTH0_M2M_CLIENT_SECRET']).toBeUndefined();
    expect(out).toContain(
      'AUTH0_M2M_CLIENT_SECRET was not readable (grant read:client_keys, or copy it from the Dashboard).',
    );
  });
});
