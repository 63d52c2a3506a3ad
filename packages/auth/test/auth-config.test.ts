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

describe('parseAuthConfig with NODE_ENV=production', () => {
  const production = { NODE_ENV: 'production' };
  it.each([
    ['the local tenant by default', {}, 'LOCAL_TENANT_URL', 'http://localhost:4000/'],
    [
      'an http ISSUER_BASE_URL',
      { ISSUER_BASE_URL: 'http://tenant.internal/' },
      'ISSUER_BASE_URL',
      'http://tenant.internal/',
    ],
    [
      'an https issuer on this machine',
      { ISSUER_BASE_URL: 'https://127.0.0.1:8443/' },
      'ISSUER_BASE_URL',
      'https://127.0.0.1:8443/',
    ],
    ['an https issuer at [::1]', { ISSUER_BASE_URL: 'https://[::1]/' }, 'ISSUER_BASE_URL', 'https://[::1]/'],
    [
      'a *.localhost issuer',
      { ISSUER_BASE_URL: 'https://tenant.localhost/' },
      'ISSUER_BASE_URL',
      'https://tenant.localhost/',
    ],
  ])('refuses %s, naming the variable', (_what, env: Record<string, string>, variable, issuer) => {
    const error = configError({ ...production, ...env });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`gives the issuer ${issuer}, which is plain http or this machine`);
    expect(error.message).toContain('ALLOW_INSECURE_ISSUER=true');
  });

  it('takes a real tenant, and an insecure issuer only with ALLOW_INSECURE_ISSUER=true', () => {
    expect(parseAuthConfig({ ...production, AUTH0_DOMAIN: 'tenant.eu.auth0.com' }).issuerBaseUrl).toBe(
      'https://tenant.eu.auth0.com/',
    );
    expect(parseAuthConfig({ ...production, ALLOW_INSECURE_ISSUER: 'true' }).issuerBaseUrl).toBe(
      'http://localhost:4000/',
    );
    expect(configError({ ...production, ALLOW_INSECURE_ISSUER: 'false' }).variable).toBe('LOCAL_TENANT_URL');
    expect(configError({ ALLOW_INSECURE_ISSUER: 'yes' }).variable).toBe('ALLOW_INSECURE_ISSUER');
    // Outside production the local tenant is the default, as always.
    expect(parseAuthConfig({ NODE_ENV: 'development' }).issuerBaseUrl).toBe('http://localhost:4000/');
  });
});

describe('parseAuthConfig', () => {
  it('defaults to the local tenant, the organize audience and the SPA on port 3000', () => {
    expect(parseAuthConfig({})).toEqual({
      issuerBaseUrl: 'http://localhost:4000/',
      audience: 'organize',
      spaOrigin: 'http://localhost:3000',
      dpop: 'allowed',
    });
  });

  it('reads DPOP_MODE: off, allowed or required; anything else names the variable', () => {
    expect(parseAuthConfig({ DPOP_MODE: 'off' }).dpop).toBe('off');
    expect(parseAuthConfig({ DPOP_MODE: ' required ' }).dpop).toBe('required');
    expect(parseAuthConfig({ DPOP_MODE: '' }).dpop).toBe('allowed');
    for (const bad of ['on', 'Required', 'true']) {
      expect(() => parseAuthConfig({ DPOP_MODE: bad })).toThrow(/^DPOP_MODE must be off, allowed or required/);
    }
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
      dpop: 'allowed',
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
