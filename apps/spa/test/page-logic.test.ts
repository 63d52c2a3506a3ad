import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from '../src/api.ts';
import { checkOrigin } from '../src/app-origin.ts';
import { timeLeft } from '../src/claims.ts';
import { explainMissingScope } from '../src/scope-hint.ts';

describe('reading a Bearer challenge (RFC 6750)', () => {
  it('takes error and error_description, unescaping quoted strings', () => {
    const header = 'Bearer realm="api", error="insufficient_scope", error_description="The token lacks \\"read:calendar\\"", scope="read:calendar"';
    expect(parseBearerChallenge(header)).toEqual({ error: 'insufficient_scope', errorDescription: 'The token lacks "read:calendar"', scope: ['read:calendar'] });
  });

  it('has nothing to say about a bare challenge or a missing header', () => {
    expect(parseBearerChallenge('Bearer realm="api"')).toEqual({});
    expect(parseBearerChallenge(null)).toEqual({});
  });
});

describe('why a 403 insufficient_scope happened', () => {
  it('asked for but not granted: the role lacks it', () => {
    expect(explainMissingScope(['read:calendar'], ['read:contacts', 'read:calendar'], ['read:contacts'])).toBe(
      'Your role does not grant read:calendar (you asked for it; the tenant left it out).',
    );
  });

  it('never asked for: least privilege, so ask for it next time', () => {
    expect(explainMissingScope(['read:calendar'], ['read:contacts'], ['read:contacts'])).toBe(
      'You did not ask for read:calendar when you logged in: log out, tick it and log in again.',
    );
  });

  it('says nothing when the token does hold what the service names (the cause is elsewhere)', () => {
    expect(explainMissingScope(['read:calendar'], ['read:calendar'], ['read:calendar'])).toBeUndefined();
  });
});

describe("the page's own origin", () => {
  it('is fine at http://localhost:3000 and names the way back from anywhere else', () => {
    expect(checkOrigin({ origin: 'http://localhost:3000', pathname: '/', search: '' })).toBeUndefined();
    expect(checkOrigin({ origin: 'http://127.0.0.1:3000', pathname: '/', search: '?x=1' })).toEqual({
      actual: 'http://127.0.0.1:3000',
      openInstead: 'http://localhost:3000/?x=1',
    });
  });
});

describe('time left on a token', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  it.each([
    [now / 1000 + 86_399, '23 h 59 min'],
    [now / 1000 + 250, '4 min 10 s'],
    [now / 1000 + 9, '9 s'],
    [now / 1000, 'expired'],
  ])('exp %d reads %s', (exp, text) => {
    expect(timeLeft(exp, now)).toBe(text);
  });
});

describe('token storage', () => {
  it('no page code touches localStorage, sessionStorage or document.cookie (tokens stay in memory)', async () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
    const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const code = await readFile(join(src, file), 'utf8');
      expect(code, file).not.toMatch(/localStorage|sessionStorage|document\.cookie|indexedDB/);
    }
  });
});
