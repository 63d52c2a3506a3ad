/**
 * Why a service refused a valid token with 403 `insufficient_scope`, in the user's terms. The service names
 * the permission it needs (`scope="read:calendar"` in its Bearer challenge); the page knows what it asked
 * the tenant for and what the token was granted, which tells the two causes apart: the user's role lacks
 * the permission (asked for, left out by the tenant), or the user never asked for it (least privilege).
 */
export function explainMissingScope(
  required: readonly string[],
  requested: readonly string[],
  granted: readonly string[],
): string | undefined {
  const missing = required.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return undefined;
  return missing
    .map((scope) =>
      requested.includes(scope)
        ? `Your role does not grant ${scope} (you asked for it; the tenant left it out).`
        : `You did not ask for ${scope} when you logged in: log out, tick it and log in again.`,
    )
    .join(' ');
}
