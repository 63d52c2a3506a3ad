import { freePort } from '@organizer/testing';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DOMAIN, type Harness, line, startHarness, writes } from './auth0-stand-in/harness.ts';
import { fetchVia } from './auth0-stand-in/management-stand-in.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

test('401 from /oauth/token (wrong Management credentials): names the variables to check, exit 1, no writes', async () => {
  const { code, out, err } = await h.run([], {
    config: { credentials: { clientId: 'mgmt-client-id', clientSecret: 'not-the-secret' } },
  });
  expect(code).toBe(1);
  expect(err).toContain('Could not get a Management API token: Auth0 answered 401 (access_denied: Unauthorized).');
  expect(err).toContain('Check AUTH0_MGMT_CLIENT_ID / AUTH0_MGMT_CLIENT_SECRET (or AUTH0_MGMT_TOKEN)');
  expect(err).not.toContain('not-the-secret');
  expect(out).toBe('');
  expect(h.standIn.requests.map(line)).toEqual(['POST /oauth/token']);
});

test('401 from the Management API (an expired AUTH0_MGMT_TOKEN): says the token was refused', async () => {
  const { code, err } = await h.run([], { config: { credentials: { token: 'expired-token' } } });
  expect(code).toBe(1);
  expect(err).toBe(
    'Reading the tenant failed: Auth0 answered 401 (invalid_token: Invalid token). The Management API token was refused: check AUTH0_MGMT_CLIENT_ID / AUTH0_MGMT_CLIENT_SECRET (or AUTH0_MGMT_TOKEN) and AUTH0_DOMAIN; a pasted AUTH0_MGMT_TOKEN may have expired.',
  );
  expect(h.standIn.requests.map((r) => r.path)).toEqual(['/api/v2/resource-servers']);
});

test('403 insufficient scope: names the step, the scope Auth0 asked for, and every scope to grant', async () => {
  h.standIn.faults.push({
    method: 'POST',
    path: '/api/v2/roles',
    status: 403,
    body: {
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: create:roles',
      errorCode: 'insufficient_scope',
    },
    times: 1,
  });
  const { code, err } = await h.run();
  expect(code).toBe(1);
  expect(err).toContain(
    'Creating role "Organizer user" failed: Auth0 answered 403 (insufficient_scope: Insufficient scope, expected any of: create:roles).',
  );
  expect(err).toContain(
    'read:resource_servers create:resource_servers update:resource_servers read:clients read:client_keys',
  );
  // Nothing is retried on 403, and the run stops at the failing step.
  expect(h.standIn.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/roles')).toHaveLength(1);
  expect(writes(h.standIn.requests).at(-1)?.path).toBe('/api/v2/roles');
});

test('409 on a creation (someone created the role meanwhile): re-reads it, updates it, makes its permissions exact', async () => {
  h.standIn.beforeHandle = (request, state) => {
    const body = request.body as { name?: string } | undefined;
    if (
      request.method === 'POST' &&
      request.path === '/api/v2/roles' &&
      body?.name === 'Contacts reader' &&
      !state.roles.some((r) => r.name === 'Contacts reader')
    ) {
      state.roles.push({
        id: 'rol_other',
        name: 'Contacts reader',
        description: 'made by a colleague',
        permissions: [{ resource_server_identifier: 'organize', permission_name: 'read:calendar' }],
      });
    }
  };
  const { code, out, err } = await h.run();
  expect(err).toBe('');
  expect(code).toBe(0);
  const afterConflict = h.standIn.requests.slice(
    h.standIn.requests.findIndex((r) => (r.body as { name?: string } | undefined)?.name === 'Contacts reader'),
  );
  expect(afterConflict.map((r) => ({ call: line(r), body: r.body }))).toEqual([
    { call: 'POST /api/v2/roles', body: { name: 'Contacts reader', description: 'Uses the contacts service only' } },
    {
      call: 'GET /api/v2/roles?per_page=100&page=0&include_totals=true&name_filter=Contacts%20reader',
      body: undefined,
    },
    { call: 'PATCH /api/v2/roles/rol_other', body: { description: 'Uses the contacts service only' } },
    { call: 'GET /api/v2/roles/rol_other/permissions?per_page=100&page=0&include_totals=true', body: undefined },
    {
      call: 'POST /api/v2/roles/rol_other/permissions',
      body: { permissions: [{ resource_server_identifier: 'organize', permission_name: 'read:contacts' }] },
    },
    {
      call: 'DELETE /api/v2/roles/rol_other/permissions',
      body: { permissions: [{ resource_server_identifier: 'organize', permission_name: 'read:calendar' }] },
    },
  ]);
  expect(out).toContain(
    'role "Contacts reader" already existed (409 Conflict): it was read again and updated instead.',
  );

  h.standIn.requests.length = 0;
  expect((await h.run()).out).toContain('Nothing to change');
  expect(writes(h.standIn.requests)).toEqual([]);
});

test('409 on a user creation: finds the user by email in the connection, updates the name, gives the roles', async () => {
  h.standIn.beforeHandle = (request, state) => {
    const body = request.body as { email?: string } | undefined;
    if (
      request.method === 'POST' &&
      request.path === '/api/v2/users' &&
      body?.email === 'bob@example.com' &&
      !state.users.some((u) => u.email === 'bob@example.com')
    ) {
      const identities = [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'bob' }];
      state.users.push({
        user_id: 'auth0|bob',
        email: 'bob@example.com',
        name: 'Robert',
        email_verified: true,
        identities,
        roles: [],
      });
    }
  };
  const { code, out, err } = await h.run(['--with-demo-users']);
  expect(err).toBe('');
  expect(code).toBe(0);
  const bob = h.standIn.requests.slice(
    h.standIn.requests.findIndex((r) => (r.body as { email?: string } | undefined)?.email === 'bob@example.com'),
  );
  expect(bob.map((r) => ({ call: line(r), body: r.body }))).toEqual([
    {
      call: 'POST /api/v2/users',
      body: {
        email: 'bob@example.com',
        name: 'Bob Example',
        email_verified: true,
        connection: 'Username-Password-Authentication',
        password: 'bob-demo-pw',
      },
    },
    { call: 'GET /api/v2/users-by-email?email=bob%40example.com', body: undefined },
    { call: 'PATCH /api/v2/users/auth0%7Cbob', body: { name: 'Bob Example' } },
    { call: 'GET /api/v2/users/auth0%7Cbob/roles?per_page=100&page=0&include_totals=true', body: undefined },
    { call: 'POST /api/v2/users/auth0%7Cbob/roles', body: { roles: ['rol_2'] } },
    // The run goes on with the next user as usual.
    {
      call: 'POST /api/v2/users',
      body: {
        email: 'carol@example.com',
        name: 'Carol Example',
        email_verified: true,
        connection: 'Username-Password-Authentication',
        password: 'carol-demo-pw',
      },
    },
    { call: 'POST /api/v2/users/auth0%7Cuser_3/roles', body: { roles: ['rol_1'] } },
  ]);
  expect(out).toContain('user bob@example.com already existed (409 Conflict): it was read again and updated instead.');
});

test('429 with Retry-After: waits that long, retries, and the run succeeds', async () => {
  h.standIn.faults.push({
    method: 'POST',
    path: '/api/v2/roles',
    status: 429,
    headers: { 'retry-after': '1' },
    body: {
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Global limit has been reached',
      errorCode: 'too_many_requests',
    },
    times: 1,
  });
  const { code } = await h.run();
  expect(code).toBe(0);
  const attempts = h.standIn.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/roles');
  expect(attempts.map((r) => r.body)).toEqual([
    { name: 'Organizer user', description: 'Uses every part of Organizer' },
    { name: 'Organizer user', description: 'Uses every part of Organizer' },
    { name: 'Contacts reader', description: 'Uses the contacts service only' },
  ]);
  expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  expect(h.standIn.state.roles.map((r) => r.name)).toEqual(['Organizer user', 'Contacts reader']);
});

test('429 with only X-RateLimit-Reset: waits until the reset time, then retries', async () => {
  const reset = Math.ceil(Date.now() / 1000) + 1;
  h.standIn.faults.push({
    method: 'GET',
    path: '/api/v2/clients',
    status: 429,
    headers: { 'x-ratelimit-reset': String(reset) },
    times: 1,
  });
  const { code } = await h.run();
  expect(code).toBe(0);
  const attempts = h.standIn.requests.filter((r) => r.path === '/api/v2/clients' && r.method === 'GET');
  expect(attempts).toHaveLength(2);
  expect(attempts[1]!.at).toBeGreaterThanOrEqual(reset * 1000 - 50);
});

test('429 that does not stop: gives up after the configured retries with a readable message, exit 1', async () => {
  h.standIn.faults.push({
    method: 'GET',
    path: '/api/v2/clients',
    status: 429,
    headers: { 'retry-after': '1' },
    times: 100,
  });
  const { code, err } = await h.run([], { maxRetries: 1 });
  expect(code).toBe(1);
  expect(err).toBe(
    'Reading the tenant failed: Auth0 answered 429, still rate limited after 1 retries. Wait a minute and run again (nothing already done is repeated).',
  );
  expect(h.standIn.requests.filter((r) => r.path === '/api/v2/clients')).toHaveLength(2);
  expect(writes(h.standIn.requests)).toEqual([]);
});

test("another API error (400): the step, the status and Auth0's reason, exit 1", async () => {
  h.standIn.faults.push({
    method: 'POST',
    path: '/api/v2/clients',
    status: 400,
    body: {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Payload validation error: Invalid uri "x".',
      errorCode: 'invalid_body',
    },
    times: 1,
  });
  const { code, err } = await h.run();
  expect(code).toBe(1);
  expect(err).toBe(
    'Creating SPA application "Organizer SPA" failed: Auth0 answered 400 (invalid_body: Payload validation error: Invalid uri "x".).',
  );
});

test('an unreachable tenant: a readable network error, exit 1', async () => {
  const port = await freePort();
  const unreachable = fetchVia(DOMAIN, `http://127.0.0.1:${port}`);
  const expected =
    /^Reading the tenant failed: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\. Check AUTH0_DOMAIN and your network\.$/;
  // Both paths: the token request (client credentials) and a Management API call (a ready token).
  const withSecret = await h.run([], { fetch: unreachable });
  expect(withSecret.code).toBe(1);
  expect(withSecret.err).toMatch(expected);
  const withToken = await h.run([], { fetch: unreachable, config: { credentials: { token: 'some-token' } } });
  expect(withToken.code).toBe(1);
  expect(withToken.err).toMatch(expected);
});
