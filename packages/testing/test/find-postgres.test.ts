import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findPostgres } from '../src/index.ts';

// The PostgreSQL tests skip where the server binaries are missing, except in CI, which installs them.
describe('findPostgres', () => {
  test('missing binaries are a skip locally and a failure in CI', () => {
    const nowhere = { PATH: '/nonexistent' };
    expect(findPostgres(nowhere, '/nonexistent')).toEqual({
      missing: expect.stringMatching(/apt-get install postgresql/),
      required: false,
    });
    expect(findPostgres({ ...nowhere, CI: 'true' }, '/nonexistent')).toMatchObject({ required: true });
  });

  test('the newest complete Debian version wins (numerically), before PATH', async () => {
    const root = await mkdtemp(join(tmpdir(), 'organizer-pg-find-'));
    try {
      for (const [version, tools] of [
        ['9', ['initdb', 'pg_ctl']],
        ['15', ['initdb', 'pg_ctl']],
        ['17', ['initdb']],
      ] as const) {
        await mkdir(join(root, version, 'bin'), { recursive: true });
        for (const tool of tools) await writeFile(join(root, version, 'bin', tool), '');
      }
      expect(findPostgres({ PATH: join(root, '9', 'bin') }, root)).toEqual({ bin: join(root, '15', 'bin') });
      expect(findPostgres({ PATH: join(root, '9', 'bin') }, '/nonexistent')).toEqual({ bin: join(root, '9', 'bin') });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
