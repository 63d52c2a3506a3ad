// The logical API's document for the console, put together in the browser from each service's own part
// (GET /openapi.json, the same function that serves it builds `pnpm openapi`'s file), so the console shows
// exactly what the running services and their configured tenant say, at whatever origins they run.

/** The members of an OpenAPI document the merge touches; everything else is passed on as it came. */
export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  [member: string]: unknown;
}

export interface ServicePart {
  service: string;
  /** The service's API URL (CONTACTS_API_URL, CALENDAR_API_URL): its document is at its origin. */
  apiUrl: string;
}

/** What came of the parts: the merged document (undefined when no service answered) and what failed, readably. */
export interface LoadedDocument {
  document?: ApiDocument;
  failures: string[];
}

function isDocument(value: unknown): value is ApiDocument {
  const candidate = value as Partial<ApiDocument> | null;
  return typeof candidate?.openapi === 'string' && typeof candidate.paths === 'object' && candidate.paths !== null;
}

/**
 * Where a service's own part is: GET /openapi.json at its origin; behind a reverse proxy that serves the
 * services under the SPA's origin (deploy/nginx), beside its routes (<API URL>/openapi.json), which the
 * proxy maps to that service's /openapi.json.
 */
export function documentUrl(apiUrl: string, spaOrigin: string): string {
  const api = new URL(apiUrl);
  return api.origin === spaOrigin ? `${api.href.replace(/\/+$/, '')}/openapi.json` : `${api.origin}/openapi.json`;
}

/** A service's paths, each with that service's origin as its `servers`: where "Try it out" sends it. */
function servedAt(document: ApiDocument, origin: string): ApiDocument['paths'] {
  const paths: ApiDocument['paths'] = {};
  for (const [path, item] of Object.entries(document.paths))
    paths[path] = { ...(item as object), servers: [{ url: origin }] };
  return paths;
}

/** One document of several: every path (each keeps its own `servers`), every schema and security scheme. */
export function mergeDocuments(parts: readonly ApiDocument[]): ApiDocument | undefined {
  const [first] = parts;
  if (!first) return undefined;
  const [paths, schemas, securitySchemes] = [{}, {}, {}];
  for (const part of parts) {
    Object.assign(paths, part.paths);
    Object.assign(schemas, part.components?.schemas);
    Object.assign(securitySchemes, part.components?.securitySchemes);
  }
  return { ...first, paths, components: { ...first.components, schemas, securitySchemes } };
}

/** Fetches every service's part (no token: the documents are public) and merges those that came. */
export async function loadApiDocument(services: readonly ServicePart[], spaOrigin: string): Promise<LoadedDocument> {
  const failures: string[] = [];
  const parts = await Promise.all(
    services.map(async ({ service, apiUrl }) => {
      const url = documentUrl(apiUrl, spaOrigin);
      try {
        const response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body: unknown = await response.json();
        if (!isDocument(body)) throw new Error('not an OpenAPI document');
        return { ...body, paths: servedAt(body, new URL(apiUrl).origin) };
      } catch (error) {
        failures.push(`The ${service} service's document (${url}) could not be loaded: ${(error as Error).message}.`);
        return undefined;
      }
    }),
  );
  const document = mergeDocuments(parts.filter((part): part is ApiDocument => part !== undefined));
  return document ? { document, failures } : { failures };
}
