/**
 * express-oauth2-jwt-bearer wraps every failure, including "could not reach the tenant", in one
 * InvalidTokenError whose message is the cause's message. These are the causes that mean the tenant (its
 * discovery document or its JWKS) was unavailable rather than the token being bad; such a request gets
 * 503 instead of 401. Unknown messages fall back to 401, which the contract also allows. The message is all
 * there is: the library's error keeps no cause and no code (packages/auth/test/tenant-resilience.test.ts).
 */
const TENANT_FAILURES: readonly RegExp[] = [
  /^Failed to fetch authorization server metadata$/, // the library's discovery, after both well-known paths
  /^request timed out$/, // jose: JWKS timeout
  /^Expected 200 OK from the JSON Web Key Set HTTP response$/, // jose
  /^Failed to parse the JSON Web Key Set HTTP response as JSON$/, // jose
  /^JSON Web Key Set malformed$/, // jose
  /^no answer from the tenant within \d+ ms$/, // our tenant agent
  /^(connect|getaddrinfo|read|write) E[A-Z]+\b/, // Node's network errors (ECONNREFUSED, ENOTFOUND, ...)
  /^socket hang up$/,
];

export function isTenantFailure(message: string): boolean {
  return TENANT_FAILURES.some((pattern) => pattern.test(message));
}
