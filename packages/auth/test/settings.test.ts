import { SETTING_CASES } from '@organizer/testing';
import { describe, expect, it } from 'vitest';
import {
  audienceFrom,
  ConfigError,
  issuerFrom,
  localTenantIssuer,
  optionalPort,
  parseLocalTenantUrl,
  requireUrl,
} from '../src/settings/index.ts';

function refusal(read: () => unknown): ConfigError {
  try {
    read();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('the shared settings table', () => {
  it.each(SETTING_CASES.map((c) => [c.variable, c.value, c] as const))('%s=%j', (variable, value, { expected }) => {
    const env = { [variable]: value };
    const read = () =>
      variable === 'AUDIENCE' || variable === 'AUTH0_AUDIENCE'
        ? { audience: audienceFrom(env) }
        : { issuer: issuerFrom(env).issuer };
    if (expected === 'refused') {
      const err = refusal(read);
      expect(err.variable).toBe(variable);
      expect(err.message.startsWith(`${variable} `)).toBe(true);
      expect(err.fix.length).toBeGreaterThan(20);
    } else {
      expect(read()).toEqual(expected);
    }
  });
});

describe('issuerFrom', () => {
  it('takes ISSUER_BASE_URL, else AUTH0_DOMAIN, else LOCAL_TENANT_URL, and says which', () => {
    const all = {
      ISSUER_BASE_URL: 'https://idp.example.com/',
      AUTH0_DOMAIN: 'acme.eu.auth0.com',
      LOCAL_TENANT_URL: 'http://127.0.0.1:4000',
    };
    expect(issuerFrom(all)).toEqual({ issuer: 'https://idp.example.com/', source: 'ISSUER_BASE_URL' });
    expect(issuerFrom({ ...all, ISSUER_BASE_URL: '' })).toEqual({
      issuer: 'https://acme.eu.auth0.com/',
      source: 'AUTH0_DOMAIN',
    });
    expect(issuerFrom({ ...all, ISSUER_BASE_URL: '', AUTH0_DOMAIN: '' })).toEqual({
      issuer: 'http://127.0.0.1:4000/',
      source: 'LOCAL_TENANT_URL',
    });
  });

  it('refuses a bad value even when another variable wins', () => {
    expect(
      refusal(() => issuerFrom({ ISSUER_BASE_URL: 'https://idp.example.com/', AUTH0_DOMAIN: 'acme.eu.auth0.com:8443' }))
        .variable,
    ).toBe('AUTH0_DOMAIN');
    expect(
      refusal(() => issuerFrom({ AUTH0_DOMAIN: 'acme.eu.auth0.com', LOCAL_TENANT_URL: 'http://example.com' })).variable,
    ).toBe('LOCAL_TENANT_URL');
    expect(refusal(() => audienceFrom({ AUDIENCE: 'organize', AUTH0_AUDIENCE: 'a b' })).variable).toBe(
      'AUTH0_AUDIENCE',
    );
  });

  it('explains a port in AUTH0_DOMAIN and a host outside this machine in LOCAL_TENANT_URL', () => {
    expect(refusal(() => issuerFrom({ AUTH0_DOMAIN: 'tenant.example.com:8443' })).message).toMatch(
      /^AUTH0_DOMAIN must not include a port \("tenant.example.com:8443"\)\. .*port 443.*ISSUER_BASE_URL/,
    );
    expect(refusal(() => issuerFrom({ LOCAL_TENANT_URL: 'http://192.168.1.10:4000' })).message).toMatch(
      /^LOCAL_TENANT_URL must name this machine: localhost, 127\.0\.0\.1 or \[::1\]/,
    );
  });
});

describe('the local tenant address', () => {
  it('gives the listen host and port, and the issuer for the port actually bound', () => {
    expect(parseLocalTenantUrl(undefined)).toEqual({
      origin: 'http://localhost:4000',
      issuer: 'http://localhost:4000/',
      host: 'localhost',
      port: 4000,
    });
    const v6 = parseLocalTenantUrl('http://[::1]:4100/');
    expect(v6).toEqual({ origin: 'http://[::1]:4100', issuer: 'http://[::1]:4100/', host: '::1', port: 4100 });
    expect(localTenantIssuer(v6.host, 51234)).toBe('http://[::1]:51234/');
    expect(localTenantIssuer('127.0.0.1', 4000)).toBe('http://127.0.0.1:4000/');
  });
});

describe('config helpers', () => {
  it('names the variable in URL errors', () => {
    expect(() => requireUrl('ISSUER_BASE_URL', 'not a url')).toThrow(ConfigError);
    expect(() => requireUrl('ISSUER_BASE_URL', 'ftp://x/')).toThrow(/ISSUER_BASE_URL must use http or https/);
    expect(requireUrl('ISSUER_BASE_URL', 'http://localhost:4000/').href).toBe('http://localhost:4000/');
  });

  it('parses ports and refuses bad ones', () => {
    expect(optionalPort('PORT', undefined, 3001)).toBe(3001);
    expect(optionalPort('PORT', '', 3001)).toBe(3001);
    expect(optionalPort('PORT', '8080', 3001)).toBe(8080);
    expect(() => optionalPort('PORT', '70000', 3001)).toThrow(/PORT must be a port number/);
    expect(() => optionalPort('PORT', 'abc', 3001)).toThrow(ConfigError);
  });
});
