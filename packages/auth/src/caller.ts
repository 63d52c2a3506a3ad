import type { AuthResult } from 'express-oauth2-jwt-bearer';

/** Who a verified token speaks for. */
export type Caller =
  | { readonly kind: 'user'; readonly subject: string }
  | { readonly kind: 'client'; readonly subject: string; readonly clientId: string };

/**
 * Auth0's client-credentials tokens have `gty: "client-credentials"` and `sub: "<client_id>@clients"`;
 * they act for an application, not a person, so services answer them with organisation-wide data.
 */
export function callerOf(auth: AuthResult): Caller {
  const { sub, gty, client_id: clientId, azp } = auth.payload;
  const subject = typeof sub === 'string' ? sub : '';
  if (gty === 'client-credentials' || subject.endsWith('@clients')) {
    const id =
      typeof clientId === 'string' ? clientId : typeof azp === 'string' ? azp : subject.replace(/@clients$/, '');
    return { kind: 'client', subject, clientId: id };
  }
  return { kind: 'user', subject };
}
