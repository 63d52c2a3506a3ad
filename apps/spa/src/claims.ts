import { decodeJwt } from 'jose';

/** The access token's claims the page shows. Decoded for display only: the services verify the token. */
export interface TokenClaims {
  aud: string[];
  scope: string[];
  iss: string;
  /** Seconds since the epoch. */
  exp: number;
}

export function readClaims(accessToken: string): TokenClaims {
  const payload = decodeJwt(accessToken);
  const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  return { aud, scope, iss: payload.iss ?? '', exp: payload.exp ?? 0 };
}

/** "23 h 59 min", "4 min 10 s", "expired": how long the token stays valid, for people. */
export function timeLeft(expSeconds: number, nowMs: number): string {
  const left = Math.floor(expSeconds - nowMs / 1000);
  if (left <= 0) return 'expired';
  const h = Math.floor(left / 3600);
  const min = Math.floor((left % 3600) / 60);
  const s = left % 60;
  if (h > 0) return `${h} h ${min} min`;
  if (min > 0) return `${min} min ${s} s`;
  return `${s} s`;
}
