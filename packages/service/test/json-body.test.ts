import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createProtection, RequestError, silentSink } from '@organizer/auth';
import { TestTenant } from '@organizer/testing';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import express, { type Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, validInput } from '../src/index.ts';

interface Note {
  title: string;
  stars: number;
}

/**
 * A Standard Schema written out by hand (what zod or valibot implement), so this package's tests need
 * neither: `title` a non-empty string, `stars` a number, nothing else.
 */
const noteSchema: StandardSchemaV1<unknown, Note> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate(value) {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return { issues: [{ message: 'The body must be a JSON object' }] };
      const issues: StandardSchemaV1.Issue[] = [];
      const record = value as Record<string, unknown>;
      if (typeof record.title !== 'string' || record.title === '')
        issues.push({ message: 'is required', path: ['title'] });
      if (typeof record.stars !== 'number') issues.push({ message: 'must be a number', path: [{ key: 'stars' }] });
      for (const key of Object.keys(record))
        if (key !== 'title' && key !== 'stars') issues.push({ message: `The body has an unknown field "${key}"` });
      return issues.length > 0
        ? { issues }
        : { value: { title: record.title as string, stars: record.stars as number } };
    },
  },
};

let tenant: TestTenant;
let app: Express;
let parsed = 0;

beforeAll(async () => {
  tenant = await TestTenant.start();
  const protection = createProtection(
    { issuerBaseUrl: tenant.issuer, audience: 'organize', spaOrigin: 'http://spa.test:3000' },
    { log: silentSink },
  );
  app = express();
  app.use(protection.beforeRoutes);
  // Counts the requests whose body the parser reached, to prove the ones refused earlier were never read.
  const counted: express.RequestHandler = (_req, _res, next) => {
    parsed += 1;
    next();
  };
  app.post('/api/notes', protection.requireScope('write:notes'), counted, jsonBody({ limit: 1024 }), (req, res) => {
    res.status(201).json(validInput(noteSchema, req.body));
  });
  app.get('/api/down', () => {
    throw RequestError.unavailable('The notes database cannot be reached; try again shortly');
  });
  app.use(protection.afterRoutes);
});
afterAll(() => tenant.close());

const writer = async () => `Bearer ${await tenant.mint({ scope: 'write:notes' })}`;

describe('jsonBody after the token and scope checks', () => {
  it('answers a malformed body without a token 401, never parsing it', async () => {
    const before = parsed;
    const res = await request(app).post('/api/notes').set('Content-Type', 'application/json').send('{"title": oops');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="organize"');
    expect(parsed).toBe(before);
  });

  it('answers an oversized body with a bad token 401, and with a token lacking the scope 403', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(5000), stars: 1 });
    const bad = await request(app)
      .post('/api/notes')
      .set('Authorization', `${await writer()}x`)
      .set('Content-Type', 'application/json')
      .send(big);
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_token');
    const reader = await tenant.mint({ scope: 'read:notes' });
    const forbidden = await request(app)
      .post('/api/notes')
      .set('Authorization', `Bearer ${reader}`)
      .set('Content-Type', 'application/json')
      .send(big);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['www-authenticate']).toMatch(/scope="write:notes"$/);
  });

  it('passes a valid JSON body to the route', async () => {
    const res = await request(app)
      .post('/api/notes')
      .set('Authorization', await writer())
      .send({ title: 'Hello', stars: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ title: 'Hello', stars: 3 });
  });
});

describe('jsonBody refusals', () => {
  const post = async (
    contentType: string | undefined,
    body?: string | Buffer,
    headers: Record<string, string> = {},
  ) => {
    const req = request(app)
      .post('/api/notes')
      .set('Authorization', await writer())
      .set(headers);
    if (contentType !== undefined) req.set('Content-Type', contentType);
    return body === undefined ? req : req.send(body);
  };

  it.each([
    ['text/plain', 'title=x'],
    ['application/x-www-form-urlencoded', 'title=x&stars=1'],
    ['application/jsonp', '{"title":"x","stars":1}'],
  ])('refuses Content-Type %s with 415', async (type, body) => {
    const res = await post(type, body);
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      error: 'unsupported_media_type',
      error_description: 'Send the body as JSON, with Content-Type: application/json',
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a POST without any body with 415', async () => {
    const res = await post(undefined);
    expect(res.status).toBe(415);
    expect(res.body.error).toBe('unsupported_media_type');
  });

  it('refuses a charset other than UTF-8, and a compressed body, with 415', async () => {
    const latin = await post('application/json; charset=iso-8859-1', '{"title":"x","stars":1}');
    expect(latin.status).toBe(415);
    expect(latin.body).toEqual({
      error: 'unsupported_media_type',
      error_description: 'Send the body as UTF-8 JSON, without Content-Encoding',
    });
    const zipped = await post('application/json', gzipSync('{"title":"x","stars":1}'), { 'Content-Encoding': 'gzip' });
    expect(zipped.status).toBe(415);
  });

  it('accepts application/json with charset=utf-8', async () => {
    const res = await post('application/json; charset=utf-8', '{"title":"x","stars":1}');
    expect(res.status).toBe(201);
  });

  it('refuses a body over the limit with 413, and takes one at the limit', async () => {
    const exactly = JSON.stringify({ title: 'x', stars: 1 });
    const at = JSON.stringify({ title: 'x'.repeat(1024 - exactly.length + 1), stars: 1 });
    expect(Buffer.byteLength(at)).toBe(1024);
    expect((await post('application/json', at)).status).toBe(201);
    const over = await post('application/json', `${at} `);
    expect(over.status).toBe(413);
    expect(over.body).toEqual({
      error: 'content_too_large',
      error_description: 'The request body is larger than 1 KB',
    });
  });

  it('refuses a declared Content-Length over the limit at once, reading nothing, and closes the connection', async () => {
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const socket = connect(port, '127.0.0.1');
      const started = performance.now();
      socket.write(
        `POST /api/notes HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${await writer()}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"title":',
      );
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      // The server ends the connection itself once it has answered, with the rest of the body never sent.
      await once(socket, 'end');
      expect(performance.now() - started).toBeLessThan(2000);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(answer).toContain(
        '{"error":"content_too_large","error_description":"The request body is larger than 1 KB"}',
      );
      socket.destroy();
    } finally {
      server.close();
    }
  });

  it.each([
    ['malformed', '{"title": "x",'],
    ['a bare string (not an object)', '"hello"'],
    ['a bare number', '42'],
  ])('refuses %s JSON with 400 invalid_request', async (_what, body) => {
    const res = await post('application/json', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request body is not valid JSON (send one JSON object)',
    });
  });

  it("never echoes the parser's own message", async () => {
    const res = await post('application/json', '{"title": "secret-looking-input');
    expect(JSON.stringify(res.body)).not.toContain('secret-looking-input');
    expect(JSON.stringify(res.body)).not.toMatch(/position|Unexpected/);
  });
});

describe('validInput', () => {
  it('names each field and the rule it breaks, in one 400', async () => {
    const res = await request(app)
      .post('/api/notes')
      .set('Authorization', await writer())
      .send({ stars: 'many', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_request',
      error_description: 'title is required; stars must be a number; The body has an unknown field "colour"',
    });
  });

  it("refuses an array body with the schema's message", async () => {
    const res = await request(app)
      .post('/api/notes')
      .set('Authorization', await writer())
      .send([{ title: 'x', stars: 1 }]);
    expect(res.status).toBe(400);
    expect(res.body.error_description).toBe('The body must be a JSON object');
  });

  it("returns the schema's output", () => {
    expect(validInput(noteSchema, { title: 'a', stars: 2 })).toEqual({ title: 'a', stars: 2 });
    expect(() => validInput(noteSchema, {})).toThrow(RequestError);
  });

  it('refuses an asynchronous schema, which a route could not await', () => {
    const slow: StandardSchemaV1<unknown, unknown> = {
      '~standard': { version: 1, vendor: 'test', validate: async (value) => ({ value }) },
    };
    expect(() => validInput(slow, {})).toThrow(/synchronous/);
  });
});

describe('RequestError in the error handler', () => {
  it('renders a 503 with Retry-After and its description', async () => {
    const res = await request(app).get('/api/down');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.body).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'The notes database cannot be reached; try again shortly',
    });
  });

  it('takes error statuses only', () => {
    expect(() => new RequestError(200, 'ok', 'fine')).toThrow(RangeError);
    expect(() => jsonBody({ limit: 0 })).toThrow(RangeError);
  });
});
