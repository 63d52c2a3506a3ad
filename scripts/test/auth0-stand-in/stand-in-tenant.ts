/**
 * The state of a pretend Auth0 tenant and the few Management API endpoints `pnpm auth0:setup`
 * uses, answering in Auth0's shapes (list envelopes, 409 bodies). Ids are predictable so tests can
 * name them.
 */
type Json = Record<string, unknown>;
export interface Reply {
  status: number;
  body?: unknown;
}

interface Permission {
  resource_server_identifier: string;
  permission_name: string;
}

export interface TenantState {
  resourceServers: Json[];
  clients: Json[];
  grants: Json[];
  roles: Array<Json & { id: string; name: string; permissions: Permission[] }>;
  connections: Array<{ id: string; name: string; strategy: string; enabledClients: string[] }>;
  users: Array<Json & { user_id: string; email: string; roles: string[] }>;
}

export function emptyTenant(): TenantState {
  return {
    resourceServers: [],
    clients: [],
    grants: [],
    roles: [],
    connections: [{ id: 'con_1', name: 'Username-Password-Authentication', strategy: 'auth0', enabledClients: [] }],
    users: [],
  };
}

/**
 * The refresh-token policy Auth0 gives an application created without one, with the keys in the
 * order Auth0 answers them (not the order they were sent in).
 */
const DEFAULT_REFRESH_TOKEN: Json = {
  expiration_type: 'non-expiring',
  leeway: 0,
  infinite_token_lifetime: true,
  infinite_idle_token_lifetime: true,
  token_lifetime: 31_557_600,
  idle_token_lifetime: 2_592_000,
  rotation_type: 'non-rotating',
};

/** As Auth0 stores a client's `refresh_token`: every key present, Auth0's keys first, in its order. */
function refreshToken(sent: unknown): Json {
  return { ...DEFAULT_REFRESH_TOKEN, ...(sent as Json | undefined) };
}

const conflict = (message: string): Reply => ({
  status: 409,
  body: { statusCode: 409, error: 'Conflict', message, errorCode: 'conflict' },
});
const notFound: Reply = { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not found' } };
const page = (key: string, items: unknown[]) => ({
  status: 200,
  body: { [key]: items, start: 0, limit: 100, total: items.length },
});

function patch(target: Json | undefined, body: Json): Reply {
  if (target === undefined) return notFound;
  Object.assign(target, body);
  return { status: 200, body: target };
}

/** Routes one Management API request (path below /api/v2) against the state. */
export function handle(state: TenantState, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
  // Nothing is ever deleted, so a list's length makes a unique, predictable id.
  const next = (prefix: string, list: unknown[]) => `${prefix}${list.length + 1}`;
  const json = (body ?? {}) as Json;
  const [, collection, rawId, sub] = path.split('/');
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  const route = `${method} /${collection}${id === undefined ? '' : '/:id'}${sub === undefined ? '' : `/${sub}`}`;
  const role = state.roles.find((r) => r.id === id);
  const user = state.users.find((u) => u.user_id === id);

  switch (route) {
    case 'GET /resource-servers': {
      const wanted = query.getAll('identifiers');
      return page(
        'resource_servers',
        state.resourceServers.filter((rs) => wanted.length === 0 || wanted.includes(String(rs['identifier']))),
      );
    }
    case 'POST /resource-servers':
      if (state.resourceServers.some((rs) => rs['identifier'] === json['identifier']))
        return conflict('A resource server with the same identifier already exists');
      // Auth0's defaults for what the request leaves out.
      state.resourceServers.push({
        id: next('rs_', state.resourceServers),
        allow_offline_access: false,
        token_lifetime_for_web: 7200,
        ...json,
      });
      return { status: 201, body: state.resourceServers.at(-1) };
    case 'PATCH /resource-servers/:id':
      return patch(
        state.resourceServers.find((rs) => rs['id'] === id || rs['identifier'] === id),
        json,
      );
    case 'GET /clients':
      return page('clients', state.clients);
    case 'POST /clients': {
      const clientId = next('client_', state.clients);
      state.clients.push({
        client_id: clientId,
        client_secret: `secret-of-${clientId}-0123456789abcdef`,
        ...json,
        refresh_token: refreshToken(json['refresh_token']),
      });
      return { status: 201, body: state.clients.at(-1) };
    }
    case 'PATCH /clients/:id':
      return patch(
        state.clients.find((c) => c['client_id'] === id),
        'refresh_token' in json ? { ...json, refresh_token: refreshToken(json['refresh_token']) } : json,
      );
    case 'GET /client-grants':
      return page(
        'client_grants',
        state.grants.filter(
          (g) => g['audience'] === query.get('audience') && g['client_id'] === query.get('client_id'),
        ),
      );
    case 'POST /client-grants':
      if (state.grants.some((g) => g['audience'] === json['audience'] && g['client_id'] === json['client_id']))
        return conflict('A client grant for this client and audience already exists');
      state.grants.push({ id: next('cgr_', state.grants), ...json });
      return { status: 201, body: state.grants.at(-1) };
    case 'PATCH /client-grants/:id':
      return patch(
        state.grants.find((g) => g['id'] === id),
        json,
      );
    case 'GET /roles': {
      const filter = query.get('name_filter')?.toLowerCase();
      const roles = state.roles.filter((r) => filter === undefined || r.name.toLowerCase().includes(filter));
      return page(
        'roles',
        roles.map(({ permissions: _p, ...r }) => r),
      );
    }
    case 'POST /roles':
      if (state.roles.some((r) => r.name === json['name'])) return conflict('Role already exists.');
      state.roles.push({ id: next('rol_', state.roles), name: String(json['name']), ...json, permissions: [] });
      return { status: 200, body: { ...state.roles.at(-1), permissions: undefined } };
    case 'PATCH /roles/:id':
      if (role === undefined) return notFound;
      Object.assign(role, json);
      return { status: 200, body: { id: role.id, name: role.name, description: role['description'] } };
    case 'GET /roles/:id/permissions':
      return role === undefined ? notFound : page('permissions', role.permissions);
    case 'POST /roles/:id/permissions':
      role?.permissions.push(...(json['permissions'] as Permission[]));
      return role === undefined ? notFound : { status: 201 };
    case 'DELETE /roles/:id/permissions': {
      if (role === undefined) return notFound;
      const gone = (json['permissions'] as Permission[]).map((p) => p.permission_name);
      role.permissions = role.permissions.filter((p) => !gone.includes(p.permission_name));
      return { status: 204 };
    }
    case 'GET /connections':
      return {
        status: 200,
        body: {
          connections: state.connections
            .filter((c) => c.name === query.get('name'))
            .map(({ enabledClients: _e, ...c }) => c),
        },
      };
    case 'GET /connections/:id/clients': {
      const connection = state.connections.find((c) => c.id === id);
      return connection === undefined
        ? notFound
        : { status: 200, body: { clients: connection.enabledClients.map((client_id) => ({ client_id })) } };
    }
    case 'PATCH /connections/:id/clients': {
      const connection = state.connections.find((c) => c.id === id);
      for (const item of body as Array<{ client_id: string; status: boolean }>) {
        if (item.status && !connection?.enabledClients.includes(item.client_id))
          connection?.enabledClients.push(item.client_id);
      }
      return connection === undefined ? notFound : { status: 204 };
    }
    case 'GET /users-by-email':
      return {
        status: 200,
        body: state.users.filter((u) => u.email === query.get('email')).map(({ roles: _r, ...u }) => u),
      };
    case 'POST /users': {
      if (state.users.some((u) => u.email === json['email'])) return conflict('The user already exists.');
      const userId = `auth0|user_${state.users.length + 1}`;
      const { password: _password, connection, ...fields } = json;
      state.users.push({
        user_id: userId,
        email: String(json['email']),
        ...fields,
        identities: [{ connection, provider: 'auth0', user_id: userId.slice(6) }],
        roles: [],
      });
      return { status: 201, body: { ...state.users.at(-1), roles: undefined } };
    }
    case 'PATCH /users/:id':
      return patch(user, json);
    case 'GET /users/:id/roles':
      return user === undefined
        ? notFound
        : page(
            'roles',
            state.roles
              .filter((r) => user.roles.includes(r.id))
              .map((r) => ({ id: r.id, name: r.name, description: r['description'] })),
          );
    case 'POST /users/:id/roles':
      user?.roles.push(...(json['roles'] as string[]));
      return user === undefined ? notFound : { status: 204 };
    case 'DELETE /users/:id/roles':
      if (user !== undefined) user.roles = user.roles.filter((r) => !(json['roles'] as string[]).includes(r));
      return user === undefined ? notFound : { status: 204 };
    default:
      return notFound;
  }
}
