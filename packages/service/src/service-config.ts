import { type AuthConfig, ConfigError, type Env, optionalPort, parseAuthConfig, readEnv } from '@organizer/auth';
import { workspaceEnvFile } from '@organizer/env';
import { type DataConfig, parseDataSettings } from '@organizer/store';
import express from 'express';
import { DEFAULT_MAX_ITEMS } from './item-limits.ts';

export type { DataConfig } from '@organizer/store';

export interface ServiceConfig {
  readonly port: number;
  /** The interface to listen on: loopback unless HOST says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly auth: AuthConfig;
  readonly data: DataConfig;
  /** MAX_ITEMS_PER_USER: the most items one user may keep in this service (default 1000). */
  readonly maxItemsPerUser: number;
  /**
   * TRUST_PROXY: Express's `trust proxy`, so that behind nginx the URL a DPoP proof names (`htu`) is the one
   * the browser called (X-Forwarded-Proto and X-Forwarded-Host). Default false: no proxy is trusted.
   */
  readonly trustProxy: false | number | string;
  /** METRICS: `on` (default) serves GET /metrics and counts every request; `off` does neither (404 there). */
  readonly metrics: boolean;
}

/** What differs between the services' settings: the port they listen on and where SQLite keeps their data. */
export interface ServiceDefaults {
  readonly port: number;
  /** DATA_DIR's default. */
  readonly dataDir: string;
}

/**
 * The environment a service reads: the process's, over the `.env` of the pnpm workspace it is started in
 * (this repository's root `.env`), or over `.env` in the working directory when it runs on its own (a
 * `pnpm deploy` bundle).
 */
export function serviceEnv(): Env {
  return readEnv(process.env, workspaceEnvFile(process.cwd()));
}

/**
 * A service's settings (PORT, HOST, the tenant's, DATA_DIR, DATABASE_URL, MAX_ITEMS_PER_USER, TRUST_PROXY and METRICS), read once
 * at start-up; throws
 * ConfigError (or StoreConfigError for DATABASE_URL) naming a bad variable.
 */
export function loadServiceConfig(defaults: ServiceDefaults, env: Env = serviceEnv()): ServiceConfig {
  return {
    port: optionalPort('PORT', env.PORT, defaults.port),
    host: env.HOST?.trim() || '127.0.0.1',
    auth: parseAuthConfig(env),
    data: parseDataSettings(env, defaults.dataDir),
    maxItemsPerUser: parseMaxItems(env.MAX_ITEMS_PER_USER),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metrics: parseMetrics(env.METRICS),
  };
}

/**
 * TRUST_PROXY: unset or `false`; a number of proxy hops (1-9); or a comma-separated list of the proxies'
 * addresses, CIDR ranges or Express's names (`loopback`, `linklocal`, `uniquelocal`). Never plain `true`:
 * trusting every sender would let any client choose the URL its proofs are checked against.
 */
function parseTrustProxy(raw: string | undefined): false | number | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (/^[1-9]$/.test(value)) return Number(value);
  const refuse = (problem: string) =>
    new ConfigError(
      'TRUST_PROXY',
      `${problem} ("${value}")`,
      'Use loopback when nginx runs on this machine, or unset it.',
    );
  if (value === 'true') throw refuse('must name the proxies, not trust every sender');
  try {
    // Express compiles the list when it is set, and throws on an address it cannot parse.
    express().set('trust proxy', value);
  } catch {
    throw refuse('must be false, a number of hops, or proxy addresses such as loopback or 10.0.0.0/8');
  }
  return value;
}

/** MAX_ITEMS_PER_USER: a whole number from 1 to 1,000,000; unset or empty, 1000. */
function parseMaxItems(raw: string | undefined): number {
  const value = raw?.trim() ?? '';
  if (value === '') return DEFAULT_MAX_ITEMS;
  if (/^[1-9][0-9]{0,6}$/.test(value) && Number(value) <= 1_000_000) return Number(value);
  throw new ConfigError(
    'MAX_ITEMS_PER_USER',
    `must be a whole number from 1 to 1000000 ("${value}")`,
    `Unset it to let each user keep ${DEFAULT_MAX_ITEMS} items per service.`,
  );
}

/** METRICS: `on` or `off`; unset or empty, on. */
function parseMetrics(raw: string | undefined): boolean {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError('METRICS', `must be on or off ("${value}")`, 'Unset it to serve GET /metrics.');
}
