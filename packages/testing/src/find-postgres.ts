import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type PostgresAvailability =
  | { readonly bin: string }
  | { readonly bin?: undefined; readonly missing: string; readonly required: boolean };

/**
 * Where PostgreSQL's server binaries are: Debian's /usr/lib/postgresql/<version>/bin (the newest),
 * else a folder on PATH holding pg_ctl. CI installs them, so there (CI=true) their absence is a
 * failure, not a skip. Test support (`@organizer/testing`), for every package whose tests run
 * on PostgreSQL; it reads the environment only through its default argument.
 */
export function findPostgres(
  env: NodeJS.ProcessEnv = process.env,
  debian = '/usr/lib/postgresql',
): PostgresAvailability {
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)) : [];
  const candidates = [
    ...versions.sort((a, b) => Number(b) - Number(a)).map((v) => join(debian, v, 'bin')),
    ...(env.PATH ?? '').split(':').filter(Boolean),
  ];
  const bin = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (bin !== undefined) return { bin };
  return {
    missing: 'PostgreSQL server binaries (initdb, pg_ctl) not found; on Debian: apt-get install postgresql',
    required: env.CI === 'true',
  };
}
