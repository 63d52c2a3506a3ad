import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseSpaConfig, pickSpaEnv, SPA_ENV_KEYS } from '../src/config.ts';
import { loadSpaConfig } from '../src/load-config.ts';

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
    const config = parseSpaConfig({
      AUTH0_DOMAIN: ' acme.eu.auth0.com ',
      AUTH0_CLIENT_ID: 'AbC123',
      AUTH0_AUDIENCE: 'https://api.acme.example',
    });
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
    ['CONTACTS_API_URL', { CONTACTS_API_URL: 'localhost:3001/api/contacts' }, /http or https|not a valid URL/],
    [
      'CALENDAR_API_URL',
      { CALENDAR_API_URL: 'http://localhost:3002/api/calendar?x=1' },
      /without credentials, query or fragment/,
    ],
    ['SPA_ORIGIN', { SPA_ORIGIN: 'https://organizer.example.com/app' }, /must be an origin/],
    ['SPA_ORIGIN', { SPA_ORIGIN: 'organizer.example.com' }, /not a valid URL/],
  ] as const)('refuses a bad %s and says how to fix it', (variable, env, problem) => {
    const error = problemWith(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(problem);
    expect(error.fix.length).toBeGreaterThan(10);
  });

  it('takes the API URLs from CONTACTS_API_URL and CALENDAR_API_URL, else the local services', () => {
    expect(parseSpaConfig({}).apis).toEqual({
      contacts: 'http://localhost:3001/api/contacts',
      calendar: 'http://localhost:3002/api/calendar',
    });
    const apis = parseSpaConfig({
      CONTACTS_API_URL: 'http://localhost:3000/api/contacts',
      CALENDAR_API_URL: 'https://cal.example.com/api/calendar/',
    }).apis;
    expect(apis).toEqual({
      contacts: 'http://localhost:3000/api/contacts',
      calendar: 'https://cal.example.com/api/calendar',
    });
  });

  it('takes its own origin from SPA_ORIGIN (the services allow the same one), else http://localhost:3000', () => {
    expect(parseSpaConfig({}).spaOrigin).toBe('http://localhost:3000');
    expect(parseSpaConfig({ SPA_ORIGIN: ' https://organizer.example.com/ ' }).spaOrigin).toBe(
      'https://organizer.example.com',
    );
    expect(parseSpaConfig({ SPA_ORIGIN: 'http://localhost:5173' }).spaOrigin).toBe('http://localhost:5173');
  });

  it('passes only the SPA variables on to the page', () => {
    const picked = pickSpaEnv({
      AUTH0_DOMAIN: '',
      AUTH0_M2M_CLIENT_SECRET: 'secret',
      PATH: '/bin',
      AUTH0_AUDIENCE: 'organize',
    });
    expect(picked).toEqual({ AUTH0_DOMAIN: '', AUTH0_AUDIENCE: 'organize' });
    expect(Object.keys(picked).every((key) => (SPA_ENV_KEYS as readonly string[]).includes(key))).toBe(true);
  });
});

describe('loading the settings from /config.json', () => {
  let server: Server;
  let base = '';
  // What the test server answers at /config.json, per test.
  let answer: { status: number; body: string } = { status: 200, body: '{}' };
  const fetchFromServer: typeof fetch = (input, init) => fetch(new URL(String(input), base), init);

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url !== '/config.json') return void res.writeHead(404).end();
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function problem(): Promise<ConfigError> {
    const error = await loadSpaConfig(fetchFromServer).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }

  it('parses what the server gives, as the dev server and the built server write it', async () => {
    answer = {
      status: 200,
      body: JSON.stringify({ AUTH0_CLIENT_ID: 'abc', CONTACTS_API_URL: 'http://localhost:3000/api/contacts' }),
    };
    const config = await loadSpaConfig(fetchFromServer);
    expect([config.clientId, config.apis.contacts]).toEqual(['abc', 'http://localhost:3000/api/contacts']);
  });

  it.each([
    [{ status: 404, body: 'Not found' }, /could not be loaded \(HTTP 404\)/],
    [{ status: 200, body: '<!doctype html>' }, /not valid JSON/],
    [{ status: 200, body: '[]' }, /not a JSON object/],
    [{ status: 200, body: '{"AUTH0_M2M_CLIENT_SECRET":"x"}' }, /unknown key "AUTH0_M2M_CLIENT_SECRET"/],
    [{ status: 200, body: '{"AUTH0_DOMAIN":1}' }, /non-string value for AUTH0_DOMAIN/],
  ])('refuses %j with a ConfigError the page can show', async (given, message) => {
    answer = given;
    const error = await problem();
    expect(error.variable).toBe('/config.json');
    expect(error.message).toMatch(message);
  });

  it('names the bad variable inside a well-formed file', async () => {
    answer = { status: 200, body: JSON.stringify({ CALENDAR_API_URL: 'ftp://x/api/calendar' }) };
    expect((await problem()).variable).toBe('CALENDAR_API_URL');
  });

  it('says so when the server cannot be reached', async () => {
    const unreachable: typeof fetch = (input, init) => fetch(new URL(String(input), 'http://127.0.0.1:1'), init);
    const error = await loadSpaConfig(unreachable).then(
      () => undefined,
      (caught: unknown) => caught as ConfigError,
    );
    expect(error?.message).toMatch(/could not be loaded/);
  });
});
