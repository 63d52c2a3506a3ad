import { randomBytes } from 'node:crypto';
import { ConfigError, present } from '@organizer/auth/settings';

export const DPOP_NONCE_SECRET = 'DPOP_NONCE_SECRET';

export interface DpopNonceSecret {
  /** The 32 bytes oidc-provider derives its DPoP nonces from (features.dPoP.nonceSecret). */
  secret: Buffer;
  /** True when DPOP_NONCE_SECRET was unset and this process drew its own. */
  generated: boolean;
}

const HEX_32_BYTES = /^[0-9a-f]{64}$/i;

/**
 * DPOP_NONCE_SECRET: 64 hexadecimal characters (32 bytes). oidc-provider derives its DPoP nonces from it
 * rather than storing them, so a nonce handed out by one instance is accepted by another only when both
 * have the same secret: several instances of the tenant must share one. Unset, each process draws a
 * random secret, which is right for one tenant on a laptop (a restart only costs clients one
 * `use_dpop_nonce` retry). The value is never echoed in the error: it is a secret.
 */
export function parseDpopNonceSecret(raw: string | undefined): DpopNonceSecret {
  const value = present(raw);
  if (value === undefined) return { secret: randomBytes(32), generated: true };
  if (!HEX_32_BYTES.test(value)) {
    throw new ConfigError(
      DPOP_NONCE_SECRET,
      `must be 64 hexadecimal characters (32 bytes); the value set has ${value.length} characters${
        /^[0-9a-f]*$/i.test(value) ? '' : ', not all of them hexadecimal'
      }`,
      'Make one with `openssl rand -hex 32`, give every instance of the tenant the same value, or unset it for a random secret per process.',
    );
  }
  return { secret: Buffer.from(value, 'hex'), generated: false };
}
