import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import type { ItemServiceSpec, SuiteStore } from './item-service.ts';
import { failedStart, type RunningService, startService } from './service-process.ts';
import { TestTenant, unreachableIssuer } from './test-tenant.ts';

/**
 * An item service's entry file and its store, as real processes: what was written survives a stop and a
 * start, and a store that cannot be used stops start-up with a message naming it (no stack, exit 1).
 */
export function describeStoreAtStart<Config, Store extends SuiteStore>(spec: ItemServiceSpec<Config, Store>): void {
  const { service, appDir, items } = spec;
  const file = `${service}.sqlite`;
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), `organizer-${service}-start-`));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  describe('the store across restarts', () => {
    let tenant: TestTenant;
    const running: RunningService[] = [];
    beforeAll(async () => {
      tenant = await TestTenant.start();
    });
    afterAll(async () => {
      await Promise.all(running.map((started) => started.stop()));
      await tenant.close();
    });
    const start = async (dataDir: string) => {
      const env = { PORT: '0', ISSUER_BASE_URL: tenant.issuer, DATA_DIR: dataDir, DATABASE_URL: '' };
      const started = await startService(appDir, env);
      running.push(started);
      return started;
    };

    it(`keeps ${/^[aeiou]/.test(spec.item) ? 'an' : 'a'} ${spec.item} written before SIGTERM, and closes the database after the listener`, async () => {
      const dataDir = join(scratch, 'restart');
      const auth = {
        Authorization: `Bearer ${await tenant.mint({ sub: 'auth0|restart', scope: `${spec.read} ${spec.write}` })}`,
        'Content-Type': 'application/json',
      };
      const first = await start(dataDir);
      expect(first.output()).toContain(
        `${service}: data in SQLite file ${join(dataDir, file)} (applied ${spec.migrations.join(', ')})\n`,
      );
      const { body, answer } = spec.sample(7);
      const posted = await fetch(`${first.url}/api/${service}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
      expect(posted.status).toBe(201);
      const created = (await posted.json()) as { id: string };

      const stopped = performance.now();
      await first.stop();
      expect(first.child.exitCode).toBe(0);
      // better-sqlite3 folds the write-ahead log into the file when the last connection closes: proof that
      // the entry closed the store rather than exiting with it open.
      expect(existsSync(join(dataDir, `${file}-wal`))).toBe(false);

      const second = await start(dataDir);
      const restartMs = performance.now() - stopped;
      expect(second.output()).toContain(`${service}: data in SQLite file ${join(dataDir, file)}\n`);
      const listed = await fetch(`${second.url}/api/${service}`, { headers: auth });
      expect(listed.status).toBe(200);
      const kept = ((await listed.json()) as Record<string, { id: string }[]>)[items] ?? [];
      expect(kept.filter((item) => item.id === created.id)).toEqual([{ id: created.id, ...answer }]);
      console.info(`[${service}] stop + start with the same DATA_DIR: ${Math.round(restartMs)} ms`);
    }, 40_000);
  });

  describe('a store that cannot be used stops start-up with a message naming it (no stack, exit 1)', () => {
    const refused = async (env: Record<string, string>) => {
      const issuer = await unreachableIssuer();
      const result = await failedStart(appDir, { PORT: '0', ISSUER_BASE_URL: issuer, DATABASE_URL: '', ...env });
      expect(result.code).toBe(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      return result.stderr;
    };

    it('DATA_DIR naming a file', async () => {
      const notFolder = join(scratch, 'a-file');
      await writeFile(notFolder, 'not a folder');
      expect(await refused({ DATA_DIR: notFolder })).toMatch(
        new RegExp(`^${service}: cannot use the database at SQLite file ${notFolder}/${service}\\.sqlite: `),
      );
    }, 30_000);

    it(`a ${file} that is not a database`, async () => {
      const dataDir = join(scratch, 'garbage');
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(dataDir, { recursive: true });
      await writeFile(join(dataDir, file), 'x'.repeat(4096));
      expect(await refused({ DATA_DIR: dataDir })).toContain('file is not a database');
    }, 30_000);

    it('a migration that fails (a table of that name already there)', async () => {
      const dataDir = join(scratch, 'conflict');
      const blocker = await spec.openEmptyStore(dataDir);
      await sql`create table ${sql.table(items)} (something integer)`.execute(blocker.db);
      await blocker.close();
      expect(await refused({ DATA_DIR: dataDir })).toMatch(
        new RegExp(
          `^${service}: migration "${spec.migrations[0]}" failed on SQLite file .*${service}\\.sqlite: .*already exists`,
        ),
      );
    }, 30_000);

    it('a DATABASE_URL that is not postgres://, without echoing it', async () => {
      const stderr = await refused({ DATABASE_URL: 'mysql://admin:hunter2@db/organizer' });
      expect(stderr).toMatch(new RegExp(`^${service}: DATABASE_URL must use postgres:// or postgresql://`));
      expect(stderr).not.toContain('hunter2');
    }, 30_000);

    it('a PostgreSQL server that does not answer', async () => {
      const port = await freePort();
      const stderr = await refused({ DATABASE_URL: `postgres://organizer:pw@127.0.0.1:${port}/organizer` });
      expect(stderr).toContain(
        `${service}: cannot use the database at PostgreSQL 127.0.0.1:${port}/organizer as organizer, schema ${service}: connection refused`,
      );
    }, 30_000);
  });
}
