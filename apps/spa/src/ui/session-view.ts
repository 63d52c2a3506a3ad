import type { Session } from '../auth.ts';
import { type TokenClaims, timeLeft } from '../claims.ts';
import { facts, h } from './dom.ts';

const TOKEN_BINDING = { DPoP: 'DPoP-bound (ES256 key kept in this tab)', Bearer: 'Bearer' } as const;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function list(values: readonly string[], empty: string): Node {
  if (values.length === 0) return h('em', {}, empty);
  return h('span', { className: 'chips' }, ...values.map((value) => h('code', {}, value)));
}

/** Who is signed in and what the access token says (aud, scope, iss, exp as local time and time left). */
export function renderIdentity(
  user: HTMLDListElement,
  claimsList: HTMLDListElement,
  session: Session,
  claims: TokenClaims,
  nowMs: number,
): void {
  facts(user, [
    ['Name', session.user.name ?? '—'],
    ...(session.user.email ? ([['Email', session.user.email]] as const) : []),
    ['User ID (sub)', h('code', {}, session.user.sub)],
  ]);
  facts(claimsList, [
    ['Audience (aud)', list(claims.aud, 'none')],
    ['Scopes (scope)', list(claims.scope, 'none granted')],
    ['Issuer (iss)', h('code', {}, claims.iss)],
    [
      'Expires (exp)',
      h('time', { datetime: new Date(claims.exp * 1000).toISOString() }, timeFormat.format(claims.exp * 1000)),
    ],
    ['Time left', h('span', { id: 'time-left' }, timeLeft(claims.exp, nowMs))],
    // Whether a stolen copy of these tokens would work elsewhere: DPoP-bound ones need this tab's key.
    ['Tokens', h('span', { 'data-testid': 'token-binding' }, TOKEN_BINDING[session.tokenType])],
  ]);
}

export function formatClock(date: Date): string {
  return date.toLocaleTimeString();
}
