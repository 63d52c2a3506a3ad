import { describe, expect, it } from 'vitest';
import { expectAnswerDocumented, expectValidOpenApi } from '../src/openapi-check.ts';

// The checks the services' documents and answers go through must be able to fail.
const document = {
  openapi: '3.1.1',
  info: { title: 't', version: '1' },
  paths: {
    '/things': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            headers: { 'X-Count': { schema: { type: 'string' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
    },
  },
};
const good = { status: 200, headers: { 'x-count': '1' }, body: { id: '0b7e9d0c-4f52-4d5e-9a3b-6f2a4c1d8e90' } };

describe('openapi checks', () => {
  it('accept a valid document and an answer it describes', async () => {
    await expectValidOpenApi(document);
    expectAnswerDocumented(document, 'GET', '/things', good);
  });

  it('refuse an invalid document', async () => {
    await expect(expectValidOpenApi({ ...document, paths: { things: {} } })).rejects.toThrow();
    await expect(expectValidOpenApi({ ...document, openapi: '3.0.3' })).rejects.toThrow();
  });

  it('refuse an undocumented status, a missing header, a body off its schema and an unknown route', () => {
    expect(() => expectAnswerDocumented(document, 'GET', '/things', { ...good, status: 201 })).toThrow(/201/);
    expect(() => expectAnswerDocumented(document, 'GET', '/things', { ...good, headers: {} })).toThrow(/X-Count/);
    expect(() => expectAnswerDocumented(document, 'GET', '/things', { ...good, body: { id: 'nope' } })).toThrow(
      /format/,
    );
    expect(() => expectAnswerDocumented(document, 'POST', '/things', good)).toThrow(/POST \/things/);
  });
});
