import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@organizer/env';
import { expectValidOpenApi } from '@organizer/testing';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH, documentText, organizeDocument } from '../src/openapi-document.ts';

describe('openapi/organize.json, the logical API described', () => {
  it("is what pnpm openapi makes from the services' schemas today (run it after changing a route or a schema)", () => {
    expect(readFileSync(join(findRepoRoot(), DOCUMENT_PATH), 'utf8')).toBe(documentText());
  });

  it('is valid OpenAPI 3.1, with both services at their URLs and the four permissions in one scheme', async () => {
    const document = organizeDocument();
    await expectValidOpenApi(document);
    const paths = document.paths as Record<string, { servers: { url: string }[] }>;
    expect(Object.keys(paths)).toEqual(['/api/contacts', '/api/contacts/{id}', '/api/calendar', '/api/calendar/{id}']);
    expect(paths['/api/contacts']?.servers).toEqual([{ url: 'http://localhost:3001' }]);
    expect(paths['/api/calendar/{id}']?.servers).toEqual([{ url: 'http://localhost:3002' }]);
    const scheme = (
      document.components as { securitySchemes: { organize: { flows: Record<string, { scopes: object }> } } }
    ).securitySchemes.organize;
    for (const flow of ['authorizationCode', 'clientCredentials']) {
      expect(Object.keys(scheme.flows[flow]?.scopes ?? {}).sort()).toEqual([
        'read:calendar',
        'read:contacts',
        'write:calendar',
        'write:contacts',
      ]);
    }
  });
});
