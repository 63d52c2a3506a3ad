import { RequestError } from '@organizer/auth';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import express, { type RequestHandler } from 'express';

export interface JsonBodyOptions {
  /** The largest body accepted, in bytes; a larger one is refused with 413. Default 16 KB. */
  readonly limit?: number;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024;

function size(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

/** body-parser's failures (http-errors `type`s), each as a fixed answer that never quotes the input. */
function refusal(error: unknown, limit: number): RequestError {
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  switch (type) {
    case 'entity.too.large':
      return new RequestError(413, 'content_too_large', `The request body is larger than ${size(limit)}`);
    case 'entity.parse.failed':
      return RequestError.invalid('The request body is not valid JSON (send one JSON object)');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new RequestError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON, without Content-Encoding');
    default:
      return RequestError.invalid('The request body could not be read');
  }
}

/**
 * Parses a JSON body with Express's own parser and refuses with the error contract's answers: a body not
 * declared `application/json` gets 415, one over `limit` gets 413 (from its Content-Length at once, before a
 * byte is read, and the connection is closed; a body without one as soon as the limit is passed), malformed
 * JSON gets 400. Mount it after the token and
 * scope checks, so that a request without a valid token is refused before its body is read at all.
 * Compressed bodies are refused rather than inflated, so the limit is the size of what gets parsed.
 */
export function jsonBody({ limit = DEFAULT_BODY_LIMIT }: JsonBodyOptions = {}): RequestHandler {
  if (!Number.isInteger(limit) || limit <= 0)
    throw new RangeError(`limit must be a positive number of bytes, got ${limit}`);
  const parse = express.json({ limit, strict: true, inflate: false, type: 'application/json' });
  return (req, res, next) => {
    // `is` answers null for a request without a body: that is not JSON either.
    if (req.is('application/json') !== 'application/json') {
      return next(
        new RequestError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json'),
      );
    }
    // A declared length over the limit is refused at once. Express's parser would first read (or wait for)
    // the whole body before answering; this answer closes the connection instead, so none of it is read.
    if (Number(req.headers['content-length']) > limit) {
      res.set('Connection', 'close');
      return next(refusal({ type: 'entity.too.large' }, limit));
    }
    parse(req, res, (error?: unknown) => next(error === undefined ? undefined : refusal(error, limit)));
  };
}

/** A field's place in a message: `email`, `items.2.name`; empty for the input as a whole. */
function fieldName(path: StandardSchemaV1.Issue['path']): string {
  return (path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

/**
 * The value as the schema's output type, or a 400 `invalid_request` saying which field breaks which rule
 * ("email must be an email address"). Takes any Standard Schema (zod, valibot, ArkType…), so this package
 * depends on none of them. Write the schema's messages as predicates ("must be …", "is required"): each
 * then reads as a sentence after its field's name.
 */
export function validInput<Schema extends StandardSchemaV1>(
  schema: Schema,
  value: unknown,
): StandardSchemaV1.InferOutput<Schema> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new TypeError('validInput takes synchronous schemas only');
  if (result.issues === undefined) return result.value;
  const problems = result.issues.map((issue) => {
    const field = fieldName(issue.path);
    return field === '' ? issue.message : `${field} ${issue.message}`;
  });
  throw RequestError.invalid(problems.join('; '));
}
