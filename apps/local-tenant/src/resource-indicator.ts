/**
 * oidc-provider only accepts RFC 8707 resource indicators that are absolute URIs, while Auth0's API
 * identifiers are any string (`organize`). An identifier that is not an absolute URI gets an internal
 * URN; it never leaves the tenant, because the token's `aud` is the identifier itself.
 */
const INTERNAL_PREFIX = 'urn:organizer-local-tenant:api:';

export function isAbsoluteUri(value: string): boolean {
  return URL.canParse(value) && !/\s/.test(value);
}

/** The resource indicator oidc-provider works with for an API identifier or an Auth0 `audience`. */
export function resourceIndicatorFor(identifier: string): string {
  return isAbsoluteUri(identifier) ? identifier : `${INTERNAL_PREFIX}${encodeURIComponent(identifier)}`;
}
