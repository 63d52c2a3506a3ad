import { createHash } from 'node:crypto';
import type { AuthResult } from 'express-oauth2-jwt-bearer';
import { decodeJwt } from 'jose';
import { InvalidProofError } from './errors.ts';

/**
 * How long the library accepts a DPoP proof: `iat` at most this many seconds ago (its default, set
 * explicitly in protection.ts so that the replay memory below keeps a proof exactly as long).
 */
export const PROOF_MAX_AGE_SECONDS = 300;
/** How far in the future a proof's `iat` may be. */
export const PROOF_LEEWAY_SECONDS = 30;

/**
 * Remembers the DPoP proofs a service accepted, so that each is accepted once (RFC 9449 11.1): the library
 * checks a proof's signature, method, URL, time and token hash, but keeps no memory of `jti`. Instances
 * behind one load balancer must share one memory (the services keep it in their database), or a proof
 * captured on the way to one instance could be replayed at another.
 */
export interface ProofReplayGuard {
  /** Records `id` until `expiresAt` (Unix seconds); false if it is already recorded and not yet expired. */
  firstUse(id: string, expiresAt: number): Promise<boolean>;
}

/**
 * A guard for one process: a bounded map of the proofs of the last few minutes. Insertion order is nearly
 * expiry order (every entry lives PROOF_MAX_AGE_SECONDS past its recent `iat`), so expired entries are
 * swept from the front. When every slot holds a live proof, new proofs are refused (503, try again) rather
 * than forgetting one that could then be replayed.
 */
export function memoryReplayGuard(maxEntries = 100_000): ProofReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstUse(id, expiresAt) {
      const now = Math.floor(Date.now() / 1000);
      for (const [key, expiry] of seen) {
        if (expiry > now) break;
        seen.delete(key);
      }
      const known = seen.get(id);
      if (known !== undefined && known > now) return false;
      if (seen.size >= maxEntries) throw new ProofMemoryFullError(maxEntries);
      seen.set(id, expiresAt);
      return true;
    },
  };
}

/** The memory of recent proofs is full of live ones; the request is refused (503) until some expire. */
export class ProofMemoryFullError extends Error {
  override name = 'ProofMemoryFullError';
  constructor(maxEntries: number) {
    super(`${maxEntries} DPoP proofs of the last ${PROOF_MAX_AGE_SECONDS} s are remembered already`);
  }
}

/**
 * Whether the proof the library has just verified for `auth` is seen for the first time. The record is
 * the proof's key and `jti` hashed together: a fixed size whatever the client sends, and the same `jti`
 * from two keys are two proofs.
 */
export async function firstUseOfProof(proof: string, auth: AuthResult, guard: ProofReplayGuard): Promise<void> {
  // The library verified the proof's signature and claims already; only its jti and iat are read here.
  const { jti, iat } = decodeJwt(proof);
  if (typeof jti !== 'string' || jti.length > 256 || typeof iat !== 'number') {
    throw new InvalidProofError('the proof needs a jti of at most 256 characters');
  }
  const jkt = (auth.payload.cnf as { jkt?: unknown } | undefined)?.jkt;
  const id = createHash('sha256')
    .update(`${String(jkt)}\n${jti}`)
    .digest('base64url');
  if (!(await guard.firstUse(id, iat + PROOF_MAX_AGE_SECONDS + 1))) {
    throw new InvalidProofError('the proof was used before');
  }
}
