import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

type Json = Record<string, unknown>;

/** Validates `document` as OpenAPI 3.1 (the specification's own JSON Schema) and fails with its errors. */
export async function expectValidOpenApi(document: Json): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
}

/** What an answer is checked by: its status, headers and JSON body. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

/**
 * Checks an answer against the operation `method` `path` (as the document spells it, `/api/contacts/{id}`)
 * of `document`: its status must be listed there, every header named there must be sent, and the body
 * must match the response's schema (JSON Schema 2020-12, with the document's components).
 */
export function expectAnswerDocumented(document: Json, method: string, path: string, answer: Answer): void {
  const paths = document.paths as Record<string, Record<string, Json>>;
  const operation = paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is in the document`).toBeDefined();
  const responses = (operation?.responses ?? {}) as Record<string, Json>;
  const response = responses[String(answer.status)];
  expect(response, `${method} ${path} ${answer.status} is in the document`).toBeDefined();
  for (const name of Object.keys((response?.headers ?? {}) as Json)) {
    expect(answer.headers[name.toLowerCase()], `${method} ${path} ${answer.status} sends ${name}`).toBeDefined();
  }
  const schema = (response?.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
  if (schema === undefined) return;
  // strict: false, because the root carries OpenAPI's `components` beside the schema that refers into it.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile({ ...schema, components: document.components });
  const ok = validate(answer.body);
  expect(ok, `${method} ${path} ${answer.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
}
