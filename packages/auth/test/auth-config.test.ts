import { describe, expect, it } from 'vitest';
import { parseAuthConfig } from '../src/index.ts';
import { ConfigError } from '../src/settings/index.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    parseAuthConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseAuthConfig', () => {
  it('defaults to the local tenant, the organize audience and the SPA on port 3000', () => {
    expect(parseAuthConfig({})).toEqual({
      issuerBaseUrl: 'http://localhost:4000/',
      audience: 'organize',
      spaOrigin: 'http://localhost:3000',
    });
  });

  it('derives the issuer from AUTH0_DOMAIN and the audience from AUTH0_AUDIENCE', () => {
    const config = parseAuthConfig({ AUTH0_DOMAIN: 'tenant.eu.auth0.com', AUTH0_AUDIENCE: 'https://api.example' });
    expect(config.issuerBaseUrl).toBe('https://tenant.eu.auth0.com/');
    expect(config.audience).toBe('https://api.example');
  });

  it('lets ISSUER_BASE_URL and AUDIENCE win over the Auth0 variables; empty counts as unset', () => {
    const config = parseAuthConfig({
      AUTH0_DOMAIN: 'tenant.eu.auth0.com',
      ISSUER_BASE_URL: 'http://127.0.0.1:4100/',
      AUTH0_AUDIENCE: 'x',
      AUDIENCE: 'organize',
      SPA_ORIGIN: '',
    });
    expect(config).toEqual({
      issuerBaseUrl: 'http://127.0.0.1:4100/',
      audience: 'organize',
      spaOrigin: 'http://localhost:3000',
    });
  });

  it('adds the slash to a bare origin but keeps an issuer path exactly as written', () => {
    expect(parseAuthConfig({ ISSUER_BASE_URL: 'https://tenant.auth0.com' }).issuerBaseUrl).toBe(
      'https://tenant.auth0.com/',
    );
    expect(parseAuthConfig({ ISSUER_BASE_URL: 'https://t.logto.app/oidc' }).issuerBaseUrl).toBe(
      'https://t.logto.app/oidc',
    );
  });

  it('accepts SPA_ORIGIN with a trailing slash as the origin', () => {
    expect(parseAuthConfig({ SPA_ORIGIN: 'http://localhost:5173/' }).spaOrigin).toBe('http://localhost:5173');
  });

  it.each([
    [{ ISSUER_BASE_URL: 'not a url' }, 'ISSUER_BASE_URL'],
    [{ ISSUER_BASE_URL: 'ftp://tenant/' }, 'ISSUER_BASE_URL'],
    [{ ISSUER_BASE_URL: 'https://tenant.auth0.com/?x=1' }, 'ISSUER_BASE_URL'],
    [{ AUTH0_DOMAIN: 'https://tenant.auth0.com' }, 'AUTH0_DOMAIN'],
    [{ AUDIENCE: 'two words' }, 'AUDIENCE'],
    [{ AUTH0_AUDIENCE: 'two words' }, 'AUTH0_AUDIENCE'],
    [{ SPA_ORIGIN: 'http://localhost:3000/app' }, 'SPA_ORIGIN'],
    [{ SPA_ORIGIN: 'localhost:3000' }, 'SPA_ORIGIN'],
  ])('refuses %j, naming %s', (env, variable) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(variable);
  });
});
