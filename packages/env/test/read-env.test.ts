import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, optionalPort, readEnv, requireUrl } from '../src/index.ts';

function envFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'organizer-env-')), '.env');
  writeFileSync(file, text);
  return file;
}

describe('readEnv', () => {
  it('reads the .env file and lets the process environment win, even with an empty value', () => {
    const file = envFile('AUDIENCE=from-file\nAUTH0_DOMAIN=tenant.example.com\nONLY_FILE="quoted value"\n');
    const env = readEnv({ AUDIENCE: 'from-process', AUTH0_DOMAIN: '' }, file);
    expect(env.AUDIENCE).toBe('from-process');
    expect(env.AUTH0_DOMAIN).toBe('');
    expect(env.ONLY_FILE).toBe('quoted value');
  });

  it('works without a .env file', () => {
    expect(readEnv({ A: '1' }, join(tmpdir(), 'organizer-missing', '.env'))).toEqual({ A: '1' });
  });
});

describe('config helpers', () => {
  it('names the variable in URL errors', () => {
    expect(() => requireUrl('ISSUER_BASE_URL', 'not a url')).toThrow(ConfigError);
    expect(() => requireUrl('ISSUER_BASE_URL', 'ftp://x/')).toThrow(/ISSUER_BASE_URL must use http or https/);
    expect(requireUrl('ISSUER_BASE_URL', 'http://localhost:4000/').href).toBe('http://localhost:4000/');
  });

  it('parses ports and refuses bad ones', () => {
    expect(optionalPort('PORT', undefined, 3001)).toBe(3001);
    expect(optionalPort('PORT', '', 3001)).toBe(3001);
    expect(optionalPort('PORT', '8080', 3001)).toBe(8080);
    expect(() => optionalPort('PORT', '70000', 3001)).toThrow(/PORT must be a port number/);
    expect(() => optionalPort('PORT', 'abc', 3001)).toThrow(ConfigError);
  });
});
