// What the page says about each sign-in and silent-check outcome, by error code (OAuth's and the page's own).
import { TENANT_UNREACHABLE } from './tenant-probe.ts';

/** The headline for a failed sign-in or silent check; the error code and the tenant's text follow it. */
export const EXPLAIN: Record<string, string> = {
  access_denied: 'Sign-in was refused or the permissions were declined: you are not signed in.',
  login_required: 'The tenant has no session for you (signed out, or never signed in).',
  consent_required: 'The tenant needs you to allow the requested permissions: click "Log in".',
  interaction_required: 'The tenant needs you to sign in again: click "Log in".',
  timeout: 'The tenant did not answer the silent check in time.',
};

/** Shown instead of anything an unsolicited authorization response says (see auth.ts, UNSOLICITED). */
export const UNSOLICITED_TEXT = 'A sign-in response arrived that this page did not ask for; it was ignored.';

/** A few words after the error code on the "Last silent session check" line. */
export const CHECK_MEANING: Record<string, string> = {
  login_required: 'no session at the tenant',
  consent_required: 'consent needed',
  interaction_required: 'sign-in needed',
  timeout: 'no answer from the tenant',
  [TENANT_UNREACHABLE]: 'the tenant does not answer',
};
