import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from '../src/api.ts';
import { timeLeft } from '../src/claims.ts';

describe('reading a Bearer challenge (RFC 6750)', () => {
  it('takes error and error_description, unescaping quoted strings', () => {
    const header = 'Bearer realm="api", error="insufficient_scope", error_description="The token lacks \\"read:calendar\\"", scope="read:calendar"';
    expect(parseBearerChallenge(header)).toEqual({ error: 'insufficient_scope', errorDescription: 'The token lacks "read:calendar"' });
  });

  it('has nothing to say about a bare challenge or a missing header', () => {
    expect(parseBearerChallenge('Bearer realm="api"')).toEqual({});
    expect(parseBearerChallenge(null)).toEqual({});
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
