import { ConfigError } from '@organizer/auth/settings';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { parseDpopNonceSecret } from '../src/dpop-nonce-secret.ts';

const HEX = '0123456789abcdef'.repeat(4);

function refusal(value: string): ConfigError {
  try {
    loadConfig({ DPOP_NONCE_SECRET: value });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected DPOP_NONCE_SECRET=${JSON.stringify(value)} to be refused`);
}

describe('DPOP_NONCE_SECRET', () => {
  it('takes 64 hexadecimal characters as the 32 bytes of the nonce secret', () => {
    const config = loadConfig({ DPOP_NONCE_SECRET: HEX });
    expect(config.dpopNonce.generated).toBe(false);
    expect(config.dpopNonce.secret).toEqual(Buffer.from(HEX, 'hex'));
    expect(config.dpopNonce.secret).toHaveLength(32);
    expect(parseDpopNonceSecret(` ${HEX.toUpperCase()} `).secret).toEqual(Buffer.from(HEX, 'hex'));
  });

  it('unset or empty: a random secret for each process', () => {
    const a = loadConfig({}).dpopNonce;
    const b = loadConfig({ DPOP_NONCE_SECRET: ' ' }).dpopNonce;
    expect(a.generated).toBe(true);
    expect(b.generated).toBe(true);
    expect(a.secret).toHaveLength(32);
    expect(a.secret.equals(b.secret)).toBe(false);
  });

  it('refuses anything else, naming the variable and the fix, without echoing the value', () => {
    for (const bad of [HEX.slice(1), `${HEX}00`, `${HEX.slice(2)}zz`, 'my-dpop-key', HEX.replace(/^../, '0x')]) {
      const error = refusal(bad);
      expect(error.variable, bad).toBe('DPOP_NONCE_SECRET');
      expect(error.message, bad).toMatch(/^DPOP_NONCE_SECRET must be 64 hexadecimal characters \(32 bytes\)/);
      expect(error.message, bad).toContain('openssl rand -hex 32');
      expect(error.message, bad).not.toContain(bad);
    }
    expect(refusal('my-dpop-key').message).toContain('the value set has 11 characters, not all of them hexadecimal');
  });
});
