import { z } from 'zod';

/** An OpenAPI 3.1 document, as plain JSON. */
export type OpenApiDocument = Record<string, unknown>;

/** What a service of items contributes to the document of the logical API. */
export interface ItemApiDescription {
  /** `contacts`: the route /api/<service>. */
  readonly service: string;
  /** `contacts`, `appointments`: the list's key in a GET's answer. */
  readonly items: string;
  readonly item: string;
  readonly permissions: { readonly read: string; readonly write: string };
  /** The schema POST bodies are validated with; the answered item is its output plus `id`. */
  readonly newItem: z.ZodType;
  /** Where the service is reached (a path-level `servers` entry); undefined: the document's own origin. */
  readonly serverUrl?: string;
}

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const header = (description: string) => ({ description, schema: { type: 'string' } });
const error = (description: string, headers: Record<string, object> = {}) => ({
  description,
  headers,
  ...json(ref('Error')),
});
const challenge = header('RFC 6750 (Bearer) or RFC 9449 (DPoP) challenge: `error`, `error_description`, `scope`');
const refusals = {
  '401': error('No usable token, an invalid or expired one, or a bad DPoP proof', { 'WWW-Authenticate': challenge }),
  '403': error('The token lacks the permission (insufficient_scope), or a machine client writes (access_denied)', {
    'WWW-Authenticate': challenge,
  }),
  '500': error('Anything unexpected (server_error), never with internals'),
  '503': error('The tenant or the database cannot be reached (temporarily_unavailable)', {
    'Retry-After': header('Seconds to wait: 5'),
  }),
};
const onlyBearerOrDpop = {
  '400': error('A DPoP proof beside a Bearer token, or a malformed request (invalid_request)'),
};

/** JSON Schema 2020-12 of a zod schema, as OpenAPI 3.1 takes it (without the `$schema` line). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** The paths, schemas and permissions of one item service, from the very schemas its routes validate with. */
export function itemApiPart(api: ItemApiDescription): {
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
  permissions: Record<string, string>;
} {
  const name = api.item.charAt(0).toUpperCase() + api.item.slice(1);
  const output = jsonSchema(api.newItem, 'output');
  const item = {
    ...output,
    properties: {
      id: { type: 'string', description: 'A UUID the service chose (org-… for the organisation’s)' },
      ...(output.properties as object),
    },
    required: ['id', ...((output.required as string[] | undefined) ?? [])],
  };
  const servers = api.serverUrl === undefined ? {} : { servers: [{ url: api.serverUrl }] };
  // The requirement, and the same in the summary, which every renderer shows on the collapsed route.
  const needs = (permission: string) => ({ security: [{ organize: [permission] }] });
  const list = {
    type: 'object',
    required: ['owner', 'kind', api.items, 'next_cursor'],
    properties: {
      owner: { type: 'string', description: "The token's sub, or a machine client's id" },
      kind: { enum: ['user', 'client'] },
      [api.items]: { type: 'array', items: ref(name), maxItems: 100 },
      next_cursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null at the end' },
    },
    additionalProperties: false,
  };
  return {
    schemas: { [name]: item, [`New${name}`]: jsonSchema(api.newItem, 'input'), [`${name}Page`]: list },
    permissions: {
      [api.permissions.read]: `Read your ${api.items}`,
      [api.permissions.write]: `Add and delete your ${api.items}`,
    },
    paths: {
      [`/api/${api.service}`]: {
        ...servers,
        get: {
          operationId: `list-${api.service}`,
          summary: `One page of the caller's ${api.items}, oldest first (needs ${api.permissions.read})`,
          ...needs(api.permissions.read),
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'A previous next_cursor' },
          ],
          responses: {
            '200': { description: `A page of ${api.items}`, ...json(ref(`${name}Page`)) },
            '400': error('A bad limit or cursor, another query parameter, or a DPoP proof beside a Bearer token'),
            ...refusals,
          },
        },
        post: {
          operationId: `add-${api.item}`,
          summary: `Add ${/^[aeiou]/.test(api.item) ? 'an' : 'a'} ${api.item} (needs ${api.permissions.write})`,
          ...needs(api.permissions.write),
          requestBody: { required: true, ...json(ref(`New${name}`)) },
          responses: {
            '201': { description: `The ${api.item} as stored`, ...json(ref(name)) },
            '400': error('Malformed JSON, or a field that breaks a rule (the description names each)'),
            ...refusals,
            '409': error(`The user keeps MAX_ITEMS_PER_USER ${api.items} already (too_many_items)`),
            '413': error('A body over 16 KB (content_too_large)'),
            '415': error('A body that is not UTF-8 JSON (unsupported_media_type)'),
          },
        },
      },
      [`/api/${api.service}/{id}`]: {
        ...servers,
        delete: {
          operationId: `delete-${api.item}`,
          summary: `Delete one of the caller's ${api.items} (needs ${api.permissions.write})`,
          ...needs(api.permissions.write),
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '204': { description: 'Deleted' },
            ...onlyBearerOrDpop,
            ...refusals,
            '404': error(`No ${api.item} of the caller's with this id (not_found)`),
          },
        },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the logical API `organize` (or of one service's part of it): the routes, the
 * schemas, the error contract's answers and the `organize` OAuth 2.0 scheme with the permissions, whose
 * endpoints follow Auth0's paths under the issuer (the local tenant's too).
 */
export function apiDocument(issuer: string, audience: string, apis: readonly ItemApiDescription[]): OpenApiDocument {
  const parts = apis.map(itemApiPart);
  const permissions = Object.assign({}, ...parts.map((p) => p.permissions)) as Record<string, string>;
  const authorizationUrl = new URL('authorize', issuer).href;
  const tokenUrl = new URL('oauth/token', issuer).href;
  return {
    openapi: '3.1.1',
    info: {
      title: `${audience}: ${apis.map((a) => a.service).join(' and ')}`,
      version: '1.0.0',
      description: `One logical API (audience ${audience}) served by separate services; each route names the permission it needs. Tokens: Authorization: Bearer, or DPoP (RFC 9449) with a proof.`,
    },
    paths: Object.assign({}, ...parts.map((p) => p.paths)),
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'error_description'],
          properties: { error: { type: 'string' }, error_description: { type: 'string' } },
          additionalProperties: false,
        },
        ...Object.assign({}, ...parts.map((p) => p.schemas)),
      },
      securitySchemes: {
        organize: {
          type: 'oauth2',
          description: `Ask for audience=${audience}. Browser apps: the authorization code flow with PKCE (S256).`,
          flows: {
            authorizationCode: { authorizationUrl, tokenUrl, refreshUrl: tokenUrl, scopes: permissions },
            clientCredentials: { tokenUrl, scopes: permissions },
          },
        },
      },
    },
  };
}
