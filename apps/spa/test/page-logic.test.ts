import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from '../src/api.ts';
import { checkOrigin } from '../src/app-origin.ts';
import { timeLeft } from '../src/claims.ts';
import { isFragmentResponse } from '../src/implicit-flow.ts';
import { challengeFor } from '../src/login/browser-state.ts';
import { renewalMargin } from '../src/login/login.ts';
import { explainMissingScope } from '../src/scope-hint.ts';

describe('reading a Bearer challenge (RFC 6750)', () => {
  it('takes error and error_description, unescaping quoted strings', () => {
    const header =
      'Bearer realm="api", error="insufficient_scope", error_description="The token lacks \\"read:calendar\\"", scope="read:calendar"';
    expect(parseBearerChallenge(header)).toEqual({
      error: 'insufficient_scope',
      errorDescription: 'The token lacks "read:calendar"',
      scope: ['read:calendar'],
    });
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
  it('is fine at SPA_ORIGIN and names the way back from anywhere else', () => {
    expect(
      checkOrigin({ origin: 'http://localhost:3000', pathname: '/', search: '' }, 'http://localhost:3000'),
    ).toBeUndefined();
    expect(
      checkOrigin({ origin: 'http://127.0.0.1:3000', pathname: '/', search: '?x=1' }, 'http://localhost:3000'),
    ).toEqual({
      actual: 'http://127.0.0.1:3000',
      openInstead: 'http://localhost:3000/?x=1',
    });
    expect(
      checkOrigin(
        { origin: 'https://organizer.example.com', pathname: '/', search: '' },
        'https://organizer.example.com',
      ),
    ).toBeUndefined();
    expect(
      checkOrigin({ origin: 'http://localhost:3000', pathname: '/', search: '' }, 'https://organizer.example.com')
        ?.openInstead,
    ).toBe('https://organizer.example.com/');
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

describe('the code flow', () => {
  it('makes the S256 challenge (RFC 7636 §4.2) that Node’s own SHA-256 makes', async () => {
    const verifier = randomBytes(32).toString('base64url');
    expect(await challengeFor(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('renews a quarter of the lifetime before expiry, at least 2 s and at most a minute before', () => {
    expect(renewalMargin(10)).toBe(2.5);
    expect(renewalMargin(4)).toBe(2);
    expect(renewalMargin(86_400)).toBe(60);
  });

  it('tells an implicit answer in the fragment from other fragments', () => {
    expect(isFragmentResponse('#access_token=x&state=y')).toBe(true);
    expect(isFragmentResponse('#section-2')).toBe(false);
  });
});

describe('token storage', () => {
  it('no page code touches document.cookie; only the login keeps its round trip, its hint and its DPoP key (IndexedDB), and the page its flow choice', async () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
    const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const usingSessionStorage: string[] = [];
    const usingLocalStorage: string[] = [];
    const usingIndexedDb: string[] = [];
    for (const file of files) {
      const code = await readFile(join(src, file), 'utf8');
      expect(code, file).not.toMatch(/document\.cookie/);
      if (/indexedDB/.test(code)) usingIndexedDb.push(file);
      if (/sessionStorage/.test(code)) usingSessionStorage.push(file);
      if (/localStorage/.test(code)) usingLocalStorage.push(file);
    }
    // None keeps a token: the flow's name; the verifier, state and nonce until the browser is back; the hint.
    expect(usingSessionStorage.sort()).toEqual(['flow-choice.ts', join('login', 'browser-state.ts')]);
    expect(usingLocalStorage).toEqual([join('login', 'browser-state.ts')]);
    expect(usingIndexedDb).toEqual([join('login', 'browser-state.ts')]);
    const hint = await readFile(join(src, 'login', 'browser-state.ts'), 'utf8');
    expect(hint.match(/localStorage\.setItem\(.*\)/g)).toEqual([
      "localStorage.setItem(signedInHint.key(clientId), '1')",
    ]);
    // IndexedDB gets one thing: the key pair as made by generateKeyPair (non-extractable), never a token.
    expect(hint.match(/store\.put\(.*\)/g)).toEqual(['store.put(made, fresh)']);
    expect(hint).toMatch(/const made = await generateKeyPair\('ES256', \{ extractable: false \}\)/);
  });
});
