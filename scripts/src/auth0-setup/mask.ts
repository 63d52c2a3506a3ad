/** Enough of a secret to recognise it, never all of it. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '********' : `${secret.slice(0, 4)}…(${secret.length} characters)`;
}

/** Fields and variables whose values are never printed (client_secret, password, AUTH0_MGMT_TOKEN…). */
export function isSecretField(name: string): boolean {
  return /secret|password|(^|_)token$/i.test(name);
}
