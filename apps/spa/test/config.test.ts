import { describe, expect, it } from 'vitest';
import { ConfigError, parseSpaConfig, pickSpaEnv, SPA_ENV_KEYS } from '../src/config.ts';

function problemWith(env: Parameters<typeof parseSpaConfig>[0]): ConfigError {
  try {
    parseSpaConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('SPA configuration', () => {
  it('uses the local tenant over http with its issuer when AUTH0_DOMAIN is empty', () => {
    const config = parseSpaConfig({ AUTH0_DOMAIN: '' });
    expect(config.tenant).toEqual({ domain: 'http://localhost:4000', issuer: 'http://localhost:4000/', local: true });
    expect(config.clientId).toBe('organizer-spa');
    expect(config.audience).toBe('organize');
    expect(config.checkSessionSeconds).toBe(900);
  });

  it('uses a real tenant as a bare domain with an https issuer', () => {
    const config = parseSpaConfig({ AUTH0_DOMAIN: ' acme.eu.auth0.com ', AUTH0_CLIENT_ID: 'AbC123', AUTH0_AUDIENCE: 'https://api.acme.example' });
    expect(config.tenant).toEqual({ domain: 'acme.eu.auth0.com', issuer: 'https://acme.eu.auth0.com/', local: false });
    expect(config.clientId).toBe('AbC123');
  });

  it.each([
    ['AUTH0_DOMAIN', { AUTH0_DOMAIN: 'https://acme.eu.auth0.com' }, /without a scheme/],
    ['AUTH0_DOMAIN', { AUTH0_DOMAIN: 'acme.eu.auth0.com/' }, /not a domain name/],
    ['AUTH0_CLIENT_ID', { AUTH0_CLIENT_ID: 'has space' }, /not allowed/],
    ['AUTH0_AUDIENCE', { AUTH0_AUDIENCE: 'a b' }, /not allowed/],
    ['SPA_CHECK_SESSION_SECONDS', { SPA_CHECK_SESSION_SECONDS: '0' }, /whole number/],
    ['SPA_CHECK_SESSION_SECONDS', { SPA_CHECK_SESSION_SECONDS: '1.5' }, /whole number/],
  ] as const)('refuses a bad %s and says how to fix it', (variable, env, problem) => {
    const error = problemWith(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(problem);
    expect(error.fix.length).toBeGreaterThan(10);
  });

  it('passes only the SPA variables on to the bundle', () => {
    const picked = pickSpaEnv({ AUTH0_DOMAIN: '', AUTH0_M2M_CLIENT_SECRET: 'secret', PATH: '/bin', AUTH0_AUDIENCE: 'organize' });
    expect(picked).toEqual({ AUTH0_DOMAIN: '', AUTH0_AUDIENCE: 'organize' });
    expect(Object.keys(picked).every((key) => (SPA_ENV_KEYS as readonly string[]).includes(key))).toBe(true);
  });
});
