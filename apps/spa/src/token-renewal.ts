import type { AuthFailure } from './auth.ts';
import type { Grant, RefreshOutcome } from './code-flow.ts';

export type RenewalResult =
  | { ok: true; accessToken: string; expiresIn: number; durationMs: number }
  | { ok: false; failure: AuthFailure; durationMs: number };

/** Seconds before expiry to renew: a quarter of the lifetime, at least 2 s and at most a minute. */
export function renewalMargin(expiresIn: number): number {
  return Math.max(2, Math.min(60, expiresIn / 4));
}

/**
 * The code flow's refresh token, in this object's memory only (a reload forgets it; the tenant session
 * brings a new one), and its renewals. One refresh at a time: the tenant rotates the token on every use
 * and takes a token shown twice as stolen, so two overlapping refreshes would end the login. Callers
 * that ask while one is under way share its answer.
 */
export class TokenRenewal {
  #refreshToken: string | undefined;
  #inFlight: Promise<RenewalResult> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts stop() calls, so that a refresh answered after a logout brings nothing back. */
  #generation = 0;
  readonly #refresh: (refreshToken: string) => Promise<RefreshOutcome>;
  readonly #onDue: () => void;

  /** `onDue` runs shortly before the access token expires (see renewalMargin). */
  constructor(refresh: (refreshToken: string) => Promise<RefreshOutcome>, onDue: () => void) {
    this.#refresh = refresh;
    this.#onDue = onDue;
  }

  /** Takes the grant of a sign-in or of a renewal: keeps the (rotated) refresh token and plans the next renewal. */
  start(grant: Grant): void {
    if (grant.refreshToken) this.#refreshToken = grant.refreshToken;
    clearTimeout(this.#timer);
    if (grant.expiresIn > 0) {
      // From the tenant's expires_in, not the token's exp: a browser clock that is off does not matter.
      this.#timer = setTimeout(() => this.#onDue(), (grant.expiresIn - renewalMargin(grant.expiresIn)) * 1000);
    }
  }

  /** True while there is a refresh token to renew with. */
  get canRenew(): boolean {
    return this.#refreshToken !== undefined;
  }

  renew(): Promise<RenewalResult> {
    this.#inFlight ??= this.#run().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Forgets the refresh token and the planned renewal (logout, or the tenant ended the login). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#refreshToken = undefined;
    this.#generation += 1;
  }

  async #run(): Promise<RenewalResult> {
    const started = performance.now();
    const generation = this.#generation;
    const refreshToken = this.#refreshToken;
    if (refreshToken === undefined) {
      return {
        ok: false,
        durationMs: 0,
        failure: { error: 'no_refresh_token', description: 'The tenant gave this sign-in no refresh token (with Auth0: allow offline access on the API).' },
      };
    }
    const outcome = await this.#refresh(refreshToken);
    const durationMs = Math.round(performance.now() - started);
    if (generation !== this.#generation) return { ok: false, durationMs, failure: { error: 'stopped', description: 'Signed out while the renewal was under way.' } };
    if (!outcome.ok) {
      // The tenant refused this token for good (logout, expiry, reuse): never send it again.
      if (outcome.failure.error === 'invalid_grant') this.stop();
      return { ok: false, failure: outcome.failure, durationMs };
    }
    this.start(outcome.grant);
    return { ok: true, accessToken: outcome.accessToken, expiresIn: outcome.grant.expiresIn, durationMs };
  }
}
